package dev.tokenwarden.auditor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tokenwarden.auditor.domain.fix.TagResolutionException;
import dev.tokenwarden.auditor.domain.fix.TagResolver;

/**
 * The offline pin cache {@code fix} resolves tags from: a JSON object mapping {@code owner/repo} to an object
 * mapping each tag to the full commit SHA it points to:
 * <pre>
 * {
 *   "actions/checkout": { "v4.2.2": "11bd71901bbe5b1630ceea73d27597364c9af683" }
 * }
 * </pre>
 * A tag it does not hold is asked of {@code online} (when given) and remembered, so {@link #save()} writes it back.
 */
final class PinCache implements TagResolver {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path file;
    private final Map<String, Map<String, String>> pins;
    private final Optional<TagResolver> online;
    private boolean changed;

    private PinCache(Path file, Map<String, Map<String, String>> pins, Optional<TagResolver> online) {
        this.file = file;
        this.pins = pins;
        this.online = online;
    }

    /** Reads {@code file} (a missing file is an empty cache); a file that is not the documented shape is an error. */
    static PinCache load(Path file, Optional<TagResolver> online) throws IOException {
        Map<String, Map<String, String>> pins = new TreeMap<>();
        if (Files.exists(file)) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new IOException("pin cache " + file + " is not valid JSON (line "
                        + e.getLocation().getLineNr() + ")");
            }
            if (root == null || !root.isObject()) {
                throw new IOException("pin cache " + file + " must be a JSON object of owner/repo to {tag: sha}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> repos = root.fields(); repos.hasNext(); ) {
                Map.Entry<String, JsonNode> repo = repos.next();
                if (!repo.getValue().isObject()) {
                    throw new IOException("pin cache " + file + ": " + repo.getKey() + " must map tags to commit SHAs");
                }
                Map<String, String> tags = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> t = repo.getValue().fields(); t.hasNext(); ) {
                    Map.Entry<String, JsonNode> tag = t.next();
                    if (!tag.getValue().isTextual() || !tag.getValue().asText().matches("[0-9a-f]{40}")) {
                        throw new IOException("pin cache " + file + ": " + repo.getKey() + " " + tag.getKey()
                                + " is not a full 40-hex commit SHA");
                    }
                    tags.put(tag.getKey(), tag.getValue().asText());
                }
                pins.put(repo.getKey().toLowerCase(Locale.ROOT), tags);
            }
        }
        return new PinCache(file, pins, online);
    }

    @Override
    public Optional<String> commitSha(String owner, String repo, String tag) throws TagResolutionException {
        String name = (owner + "/" + repo).toLowerCase(Locale.ROOT);
        Optional<String> cached = Optional.ofNullable(pins.getOrDefault(name, Map.of()).get(tag));
        if (cached.isPresent() || online.isEmpty()) {
            return cached;
        }
        Optional<String> resolved = online.get().commitSha(owner, repo, tag);
        resolved.ifPresent(sha -> {
            pins.computeIfAbsent(name, n -> new TreeMap<>()).put(tag, sha);
            changed = true;
        });
        return resolved;
    }

    /** Writes the cache back when it learned a pin: to a temporary file first, so a crash leaves the old one whole. */
    void save() throws IOException {
        if (!changed) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".tokenwarden-pins", ".json");
        Files.writeString(temporary, JSON.writeValueAsString(pins) + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        changed = false;
    }
}
