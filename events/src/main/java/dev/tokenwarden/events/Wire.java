package dev.tokenwarden.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Checks shared by the payload records' compact constructors, so a payload can never be built half-empty. */
public final class Wire {
    private Wire() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        if (value instanceof String s && s.isBlank()) {
            throw new IllegalArgumentException("required field '" + field + "' is blank");
        }
        return value;
    }

    public static <T> List<T> listOrEmpty(Collection<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> values) {
        return values == null ? Map.of() : Map.copyOf(values);
    }

    /** SHA-256 digests travel as 64 lower-case hex characters; anything else is refused so no value slips in. */
    public static String sha256Hex(String value, String field) {
        required(value, field);
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field '" + field + "' must be a SHA-256 digest in lower-case hex");
        }
        return value;
    }
}
