package dev.tokenwarden.notifier.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * While a firing incident matches {@code sourceMatchers}, incidents that match {@code targetMatchers} and carry
 * the same values for every {@code equal} label are muted: a failed rotation of a credential makes "it is
 * expiring" noise. An incident never inhibits itself. {@link Inhibitions} applies the rules through an index;
 * {@link #inhibits} states the rule for one pair.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    public boolean inhibits(Map<String, String> source, Map<String, String> target) {
        return !Objects.equals(source.get(IncidentLabels.INCIDENT_KEY), target.get(IncidentLabels.INCIDENT_KEY))
                && isSource(source) && isTarget(target) && equalValues(source).equals(equalValues(target));
    }

    /** A firing incident that matches the source matchers: it mutes targets with its {@link #equalValues}. */
    boolean isSource(Map<String, String> labels) {
        return "firing".equals(labels.get(IncidentLabels.STATUS)) && sourceMatchers.stream().allMatch(m -> m.matches(labels));
    }

    boolean isTarget(Map<String, String> labels) {
        return targetMatchers.stream().allMatch(m -> m.matches(labels));
    }

    /** The values of the {@code equal} labels, a missing label as empty: a source and a target with equal lists pair up. */
    List<String> equalValues(Map<String, String> labels) {
        return equal.stream().map(l -> labels.getOrDefault(l, "")).toList();
    }
}
