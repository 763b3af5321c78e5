package dev.tokenwarden.auditor.domain.yaml;

import java.util.List;
import java.util.Optional;

/** A mapping in source order; keys are unique (the loader rejects duplicates). */
public record YamlMapping(List<Entry> entries, Position position) implements YamlNode {

    public record Entry(YamlScalar key, YamlNode value) {
    }

    public YamlMapping {
        entries = List.copyOf(entries);
    }

    @Override
    public String shape() {
        return "mapping";
    }

    public Optional<YamlNode> get(String key) {
        for (Entry entry : entries) {
            if (entry.key().value().equals(key)) {
                return Optional.of(entry.value());
            }
        }
        return Optional.empty();
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.key().value().equals(key)).findFirst();
    }

    public Optional<YamlMapping> mapping(String key) {
        return get(key).filter(YamlMapping.class::isInstance).map(YamlMapping.class::cast);
    }

    public Optional<YamlScalar> scalar(String key) {
        return get(key).filter(YamlScalar.class::isInstance).map(YamlScalar.class::cast);
    }

    /** The scalar's text, absent for a missing key, a null value or a non-scalar. */
    public Optional<String> text(String key) {
        return scalar(key).filter(s -> !s.isNull()).map(YamlScalar::value);
    }

    public boolean has(String key) {
        return entry(key).isPresent();
    }
}
