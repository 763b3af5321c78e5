package dev.tokenwarden.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access into parsed YAML trees, failing with the path that was missing or of the wrong shape. */
final class Yaml {
    private Yaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException(where + " is not a mapping: " + node);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String where) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalStateException(where + " is not a sequence: " + node);
    }

    /** The node at a dotted path of mapping keys, if every step exists. */
    static Optional<Object> at(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            node = map.get(key);
        }
        return Optional.ofNullable(node);
    }

    static String string(Map<String, Object> root, String... path) {
        return at(root, path).map(String::valueOf)
                .orElseThrow(() -> new IllegalStateException("missing " + String.join(".", path) + " in " + root));
    }

    static List<Map<String, Object>> maps(Object node, String where) {
        return list(node, where).stream().map(item -> map(item, where)).toList();
    }
}
