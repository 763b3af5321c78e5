package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Map;

/** A rule's options from the configuration file, with the rule's own defaults. */
public record RuleOptions(Map<String, Object> values) {

    public static final RuleOptions NONE = new RuleOptions(Map.of());

    public RuleOptions {
        values = Map.copyOf(values);
    }

    public int integer(String key, int defaultValue) {
        return values.get(key) instanceof Number n ? n.intValue() : defaultValue;
    }

    public List<String> strings(String key, List<String> defaultValue) {
        Object value = values.get(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value instanceof String s ? List.of(s) : defaultValue;
    }
}
