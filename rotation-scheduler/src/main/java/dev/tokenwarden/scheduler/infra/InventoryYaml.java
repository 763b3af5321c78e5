package dev.tokenwarden.scheduler.infra;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.domain.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads an inventory file: {@code entries:}, a list of inventory entries with the field names of
 * {@link InventoryEntry} (see {@code config/inventory.example.yaml}). YAML 1.2 through SnakeYAML Engine
 * with duplicate keys refused, few aliases and a size limit checked before parsing. A file with any
 * problem is refused as a whole, each problem naming its entry and field.
 */
public final class InventoryYaml {
    private static final String SOURCE_ENTRY = "(file)";
    private final int maxBytes;

    public InventoryYaml(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public List<InventoryEntry> read(byte[] content) {
        if (content.length > maxBytes) {
            throw refused("entries", "file is " + content.length + " bytes; the limit is " + maxBytes);
        }
        Object document;
        try {
            LoadSettings settings = LoadSettings.builder()
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .setMaxAliasesForCollections(20)
                    .setCodePointLimit(maxBytes)
                    .setLabel("inventory")
                    .build();
            document = new Load(settings).loadFromString(new String(content, StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw refused("entries", "not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").trim());
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("entries") instanceof List<?> items)) {
            throw refused("entries", "the file must be a mapping with a list under 'entries'");
        }
        List<InventoryEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String name = item instanceof Map<?, ?> map && map.get("id") instanceof String id ? id : "entries[" + i + "]";
            try {
                entries.add(EventJson.mapper().convertValue(item, InventoryEntry.class));
            } catch (IllegalArgumentException e) {
                violations.add(violation(name, e));
            }
        }
        if (!violations.isEmpty()) {
            throw new InventoryRejectedException(violations);
        }
        return entries;
    }

    /** Jackson says where (the path of field names) and the record's constructor says what. */
    private static Violation violation(String entry, IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping) {
            String path = fieldPath(mapping);
            Throwable root = mapping.getCause() != null ? mapping.getCause() : mapping;
            String message = root == mapping ? mapping.getOriginalMessage() : root.getMessage();
            if (path.isEmpty() && message != null && message.startsWith("missing required field '")) {
                path = message.substring("missing required field '".length(), message.indexOf('\'', "missing required field '".length()));
            }
            return new Violation(entry, path.isEmpty() ? "(entry)" : path, firstLine(message));
        }
        return new Violation(entry, "(entry)", firstLine(e.getMessage()));
    }

    /** Jackson's location of a problem as a field path: {@code appPool[0].appId}. */
    public static String fieldPath(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static InventoryRejectedException refused(String field, String message) {
        return new InventoryRejectedException(List.of(new Violation(SOURCE_ENTRY, field, message)));
    }
}
