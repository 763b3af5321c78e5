package dev.tokenwarden.notifier.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inhibition rules applied through an index, as Alertmanager's inhibitor does: per rule, the incident keys of
 * the current sources by their values of the rule's {@code equal} labels. Checking a target looks up its own
 * values in each rule it is a target of, so it costs the rules and the sources sharing those values, not every
 * open incident. Not thread-safe; the dispatcher guards it.
 */
final class Inhibitions {
    private final List<InhibitRule> rules;
    private final List<Map<List<String>, Set<String>>> sources = new ArrayList<>();
    /** Per incident key held as a source, its labels when it was indexed, to find its entries again. */
    private final Map<String, Map<String, String>> indexed = new HashMap<>();

    Inhibitions(List<InhibitRule> rules) {
        this.rules = List.copyOf(rules);
        rules.forEach(r -> sources.add(new HashMap<>()));
    }

    /** Takes in the latest version of an incident (by its labels), replacing the one held for its key. */
    void put(Map<String, String> labels) {
        String key = labels.get(IncidentLabels.INCIDENT_KEY);
        remove(key);
        boolean source = false;
        for (int r = 0; r < rules.size(); r++) {
            InhibitRule rule = rules.get(r);
            if (rule.isSource(labels)) {
                sources.get(r).computeIfAbsent(rule.equalValues(labels), v -> new LinkedHashSet<>()).add(key);
                source = true;
            }
        }
        if (source) {
            indexed.put(key, labels);
        }
    }

    void remove(String incidentKey) {
        Map<String, String> labels = indexed.remove(incidentKey);
        if (labels == null) {
            return;
        }
        for (int r = 0; r < rules.size(); r++) {
            InhibitRule rule = rules.get(r);
            if (rule.isSource(labels)) {
                List<String> values = rule.equalValues(labels);
                Set<String> keys = sources.get(r).get(values);
                keys.remove(incidentKey);
                if (keys.isEmpty()) {
                    sources.get(r).remove(values);
                }
            }
        }
    }

    /** The key of a held source that inhibits the incident with these labels, if any does. */
    Optional<String> inhibitor(Map<String, String> target) {
        String targetKey = target.get(IncidentLabels.INCIDENT_KEY);
        for (int r = 0; r < rules.size(); r++) {
            InhibitRule rule = rules.get(r);
            if (!rule.isTarget(target)) {
                continue;
            }
            for (String source : sources.get(r).getOrDefault(rule.equalValues(target), Set.of())) {
                if (!source.equals(targetKey)) {
                    return Optional.of(source);
                }
            }
        }
        return Optional.empty();
    }
}
