package dev.tokenwarden.notifier.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * While a firing incident matches {@code sourceMatchers}, incidents that match {@code targetMatchers} and carry
 * the same values for every {@code equal} label are muted: a failed rotation of a credential makes "it is
 * expiring" noise. An incident never inhibits itself.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    public boolean inhibits(Map<String, String> source, Map<String, String> target) {
        return !Objects.equals(source.get(IncidentLabels.INCIDENT_KEY), target.get(IncidentLabels.INCIDENT_KEY))
                && "firing".equals(source.get(IncidentLabels.STATUS))
                && sourceMatchers.stream().allMatch(m -> m.matches(source))
                && targetMatchers.stream().allMatch(m -> m.matches(target))
                && equal.stream().allMatch(l -> Objects.equals(source.getOrDefault(l, ""), target.getOrDefault(l, "")));
    }
}
