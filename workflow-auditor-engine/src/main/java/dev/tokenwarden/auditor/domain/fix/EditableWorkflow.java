package dev.tokenwarden.auditor.domain.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * A workflow's text with its model, and the text positions fixes edit: where a node starts, where a single-line
 * scalar ends, where a block mapping's last line ends. Every edit it builds keeps the file's line endings and
 * indentation; when it cannot be sure of the text, it says so (empty) rather than guess.
 */
final class EditableWorkflow {

    private final String path;
    private final String text;
    private final Workflow workflow;
    private final int[] lineStarts;
    private final String eol;

    EditableWorkflow(String path, String text, Workflow workflow) {
        this.path = path;
        this.text = text;
        this.workflow = workflow;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        this.eol = text.contains("\r\n") ? "\r\n" : "\n";
    }

    String path() {
        return path;
    }

    String text() {
        return text;
    }

    Workflow workflow() {
        return workflow;
    }

    String eol() {
        return eol;
    }

    /** The character offset of a node's start. */
    int offset(Position position) {
        int lineStart = lineStart(position.line());
        return text.offsetByCodePoints(lineStart, position.column() - 1);
    }

    int lineStart(int line) {
        return line - 1 < lineStarts.length ? lineStarts[line - 1] : text.length();
    }

    /** The line's text without its line ending. */
    String line(int line) {
        int start = lineStart(line);
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        String raw = text.substring(start, end);
        return raw.replaceFirst("\r?\n$", "");
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** How far a nested level is indented in this file: a job's indentation under {@code jobs:}, else two. */
    int indentUnit() {
        return workflow.jobs().stream().findFirst().map(Job::position)
                .map(p -> p.column() - 1).filter(n -> n > 0).orElse(2);
    }

    /**
     * The end offset of a scalar written on one line (plain or quoted), checked against the text: empty for
     * block scalars, multi-line scalars and anything whose text is not what the model says.
     */
    Optional<Integer> singleLineEnd(YamlScalar scalar) {
        int start = offset(scalar.position());
        String lineText = line(scalar.position().line());
        int lineEnd = lineStart(scalar.position().line()) + lineText.length();
        return switch (scalar.style()) {
            case PLAIN -> text.startsWith(scalar.value(), start) && !scalar.value().contains("\n")
                    ? Optional.of(start + scalar.value().length()) : Optional.empty();
            case SINGLE_QUOTED -> closingQuote(start, lineEnd, '\'')
                    .filter(end -> text.substring(start + 1, end - 1).replace("''", "'").equals(scalar.value()));
            case DOUBLE_QUOTED -> closingQuote(start, lineEnd, '"')
                    .filter(end -> !text.substring(start + 1, end - 1).contains("\\")
                            && text.substring(start + 1, end - 1).equals(scalar.value()));
            case LITERAL, FOLDED -> Optional.empty();
        };
    }

    private Optional<Integer> closingQuote(int start, int lineEnd, char quote) {
        if (start >= text.length() || text.charAt(start) != quote) {
            return Optional.empty();
        }
        for (int i = start + 1; i < lineEnd; i++) {
            char c = text.charAt(i);
            if (quote == '\'' && c == '\'' && i + 1 < lineEnd && text.charAt(i + 1) == '\'') {
                i++;
            } else if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    boolean isFlow(YamlMapping mapping) {
        int at = offset(mapping.position());
        return at < text.length() && text.charAt(at) == '{';
    }

    /**
     * Adds {@code key: value} (or {@code key:} with nested {@code children}) to {@code mapping}: in a block mapping
     * on new lines before the entry {@code beforeKey} when that entry starts its line, else after the mapping's
     * last line; in a flow mapping first, inside the braces. Empty when the mapping's shape is not one of those.
     */
    Optional<TextEdit> addEntry(YamlMapping mapping, String beforeKey, String key, Optional<String> value,
                                List<Map.Entry<String, String>> children) {
        if (isFlow(mapping)) {
            String rendered = key + ": " + value.orElseGet(() -> flow(children));
            int open = offset(mapping.position());
            String separator = mapping.entries().isEmpty() ? "" : ", ";
            return Optional.of(TextEdit.insert(open + 1, rendered + separator));
        }
        int column = mapping.position().column() - 1;
        String rendered = block(column, key, value, children);
        Optional<YamlMapping.Entry> before = beforeKey == null ? Optional.empty() : mapping.entry(beforeKey);
        if (before.isPresent()) {
            Position keyAt = before.get().key().position();
            int lineStart = lineStart(keyAt.line());
            if (text.substring(lineStart, offset(keyAt)).isBlank() && keyAt.column() - 1 == column) {
                return Optional.of(TextEdit.insert(precedingCommentsStart(keyAt.line(), column), rendered));
            }
        }
        return blockEnd(mapping).map(end -> TextEdit.insert(end,
                end == text.length() && !text.isEmpty() && !text.endsWith("\n") ? eol + stripEol(rendered) : rendered));
    }

    private String stripEol(String rendered) {
        return rendered.substring(0, rendered.length() - eol.length());
    }

    private String block(int column, String key, Optional<String> value, List<Map.Entry<String, String>> children) {
        String indent = " ".repeat(column);
        StringBuilder out = new StringBuilder(indent).append(key).append(':');
        if (value.isPresent()) {
            return out.append(' ').append(value.get()).append(eol).toString();
        }
        out.append(eol);
        String childIndent = " ".repeat(column + indentUnit());
        children.forEach(c -> out.append(childIndent).append(c.getKey()).append(": ").append(c.getValue()).append(eol));
        return out.toString();
    }

    private static String flow(List<Map.Entry<String, String>> children) {
        return children.stream().map(c -> c.getKey() + ": " + c.getValue())
                .reduce((a, b) -> a + ", " + b).map(s -> "{" + s + "}").orElse("{}");
    }

    /** The start of the comment lines right above {@code line} at the same indentation, which belong to it. */
    private int precedingCommentsStart(int line, int column) {
        int first = line;
        while (first > 1) {
            String above = line(first - 1);
            if (!above.strip().startsWith("#") || indentation(above) != column) {
                break;
            }
            first--;
        }
        return lineStart(first);
    }

    /**
     * The offset just after the last line of a block mapping: the first later line indented less than its keys
     * ends it; blank and comment lines after its last content line stay outside. Empty when its last value is a
     * block scalar that keeps trailing lines ({@code |+}), whose value an insertion would change.
     */
    Optional<Integer> blockEnd(YamlMapping mapping) {
        int column = mapping.position().column() - 1;
        int last = mapping.position().line();
        for (int l = last + 1; l <= lineCount(); l++) {
            String lineText = line(l);
            if (lineText.isBlank() || lineText.strip().startsWith("#")) {
                continue;
            }
            if (indentation(lineText) < column || lineText.startsWith("---") || lineText.startsWith("...")) {
                break;
            }
            last = l;
        }
        if (mapping.entries().isEmpty()) {
            return Optional.empty();
        }
        if (mapping.entries().getLast().value() instanceof YamlScalar s && (s.style() == YamlScalar.Style.LITERAL
                || s.style() == YamlScalar.Style.FOLDED) && line(s.position().line()).contains("+")) {
            return Optional.empty();
        }
        return Optional.of(last < lineCount() ? lineStart(last + 1) : text.length());
    }

    static int indentation(String lineText) {
        int n = 0;
        while (n < lineText.length() && lineText.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
