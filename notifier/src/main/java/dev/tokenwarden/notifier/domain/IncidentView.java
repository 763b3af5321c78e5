package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Incident;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An incident as a receiver may show it: every text that came from outside has passed through the masker, so
 * a token pasted into a title, summary, label or link leaves the notifier masked. Receivers render only this.
 */
public record IncidentView(
        String incidentKey,
        String status,
        String type,
        String severity,
        String title,
        String summary,
        Map<String, String> labels,
        String firstSeen,
        String lastSeen,
        List<String> links) {

    public static IncidentView of(Incident incident, UnaryOperator<String> mask) {
        Map<String, String> labels = new TreeMap<>();
        incident.labels().forEach((k, v) -> labels.put(mask.apply(k), mask.apply(v)));
        return new IncidentView(mask.apply(incident.incidentKey()),
                incident.status().name().toLowerCase(Locale.ROOT),
                mask.apply(incident.type()),
                incident.severity().name().toLowerCase(Locale.ROOT),
                mask.apply(incident.title()),
                incident.summary() == null ? "" : mask.apply(incident.summary()),
                labels,
                incident.firstSeen().toString(),
                incident.lastSeen().toString(),
                incident.links().stream().map(mask).toList());
    }
}
