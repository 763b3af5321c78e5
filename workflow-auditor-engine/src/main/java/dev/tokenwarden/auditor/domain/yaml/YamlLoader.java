package dev.tokenwarden.auditor.domain.yaml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Turns untrusted bytes into a {@link YamlNode} tree with positions, using SnakeYAML Engine's composer
 * (YAML 1.2: {@code on} stays a string). Everything that can go wrong becomes a
 * {@link YamlInputException} with a message fit for a user; no credential-bearing source text is
 * copied into a message.
 */
public final class YamlLoader {

    private final YamlLimits limits;

    public YamlLoader(YamlLimits limits) {
        this.limits = limits;
    }

    public record Loaded(YamlNode root, SourceText source) {
    }

    public Loaded load(String path, byte[] bytes) throws YamlInputException {
        if (bytes.length > limits.maxBytes()) {
            throw new YamlInputException("file is " + bytes.length + " bytes, above the limit of "
                    + limits.maxBytes() + " bytes");
        }
        String text = decode(bytes);
        LoadSettings settings = LoadSettings.builder()
                .setLabel(path)
                .setUseMarks(true)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(limits.maxAliases())
                .setCodePointLimit(limits.maxBytes())
                .build();
        Node root;
        try {
            Composer composer = new DepthLimitedComposer(settings,
                    new ParserImpl(settings, new StreamReader(settings, text)), limits.maxDepth());
            root = composer.getSingleNode()
                    .orElseThrow(() -> new YamlInputException("file is empty: no YAML document"));
        } catch (MarkedYamlEngineException e) {
            throw new YamlInputException("invalid YAML: " + e.getProblem(), position(e.getProblemMark()));
        } catch (YamlEngineException e) {
            throw new YamlInputException("invalid YAML: " + e.getMessage());
        }
        return new Loaded(new Converter().convert(root, 1), new SourceText(path, text));
    }

    private static String decode(byte[] bytes) throws YamlInputException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new YamlInputException("not a text file: NUL byte at offset " + i);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new YamlInputException("not a UTF-8 text file");
        }
    }

    private static Position position(Optional<Mark> mark) {
        return mark.map(m -> new Position(m.getLine() + 1, m.getColumn() + 1)).orElse(null);
    }

    /** Stops composing past the nesting limit, before deep input can exhaust the stack. */
    private static final class DepthLimitedComposer extends Composer {
        private final int maxDepth;
        private int depth;

        DepthLimitedComposer(LoadSettings settings, ParserImpl parser, int maxDepth) {
            super(settings, parser);
            this.maxDepth = maxDepth;
        }

        @Override
        protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeSequenceNode(anchor);
            } finally {
                depth--;
            }
        }

        @Override
        protected Node composeMappingNode(Optional<Anchor> anchor) {
            enter();
            try {
                return super.composeMappingNode(anchor);
            } finally {
                depth--;
            }
        }

        private void enter() {
            if (++depth > maxDepth) {
                throw new YamlEngineException("nesting deeper than " + maxDepth + " levels");
            }
        }
    }

    /** Copies the composer's graph into our tree; aliases are expanded within the node budget. */
    private final class Converter {
        private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;

        YamlNode convert(Node node, int depth) throws YamlInputException {
            Position position = at(node.getStartMark());
            if (depth > limits.maxDepth()) {
                throw new YamlInputException("nesting deeper than " + limits.maxDepth() + " levels (through aliases)", position);
            }
            if (++nodes > limits.maxNodes()) {
                throw new YamlInputException("document expands to more than " + limits.maxNodes()
                        + " nodes (alias expansion?)", position);
            }
            if (!onPath.add(node)) {
                throw new YamlInputException("alias cycle: a node contains itself", position);
            }
            try {
                return switch (node) {
                    case ScalarNode scalar -> scalar(scalar, position);
                    case SequenceNode sequence -> {
                        List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
                        for (Node item : sequence.getValue()) {
                            items.add(convert(item, depth + 1));
                        }
                        yield new YamlSequence(items, position);
                    }
                    case MappingNode mapping -> mapping(mapping, position, depth);
                    default -> throw new YamlInputException("unsupported YAML node " + node.getNodeType(), position);
                };
            } finally {
                onPath.remove(node);
            }
        }

        private YamlMapping mapping(MappingNode mapping, Position position, int depth) throws YamlInputException {
            List<YamlMapping.Entry> entries = new ArrayList<>(mapping.getValue().size());
            Map<String, Position> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new YamlInputException("mapping keys must be plain values, not a "
                            + tuple.getKeyNode().getNodeType().name().toLowerCase(), at(tuple.getKeyNode().getStartMark()));
                }
                YamlScalar key = scalar(keyNode, at(keyNode.getStartMark()));
                Position first = seen.putIfAbsent(key.value(), key.position());
                if (first != null) {
                    throw new YamlInputException("duplicate key '" + key.value() + "' (first at line " + first.line() + ")",
                            key.position());
                }
                entries.add(new YamlMapping.Entry(key, convert(tuple.getValueNode(), depth + 1)));
            }
            return new YamlMapping(entries, position);
        }

        private YamlScalar scalar(ScalarNode scalar, Position position) {
            YamlScalar.Style style = switch (scalar.getScalarStyle()) {
                case SINGLE_QUOTED -> YamlScalar.Style.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> YamlScalar.Style.DOUBLE_QUOTED;
                case LITERAL -> YamlScalar.Style.LITERAL;
                case FOLDED -> YamlScalar.Style.FOLDED;
                default -> YamlScalar.Style.PLAIN;
            };
            boolean isNull = scalar.getScalarStyle() == ScalarStyle.PLAIN && Tag.NULL.equals(scalar.getTag());
            return new YamlScalar(scalar.getValue(), style, isNull, position);
        }
    }

    private static Position at(Optional<Mark> mark) {
        Position p = position(mark);
        return p == null ? Position.START : p;
    }
}
