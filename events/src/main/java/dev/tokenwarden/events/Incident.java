package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A problem, raised by the service that detected it. {@code incidentKey} is deterministic (for example
 * {@code rotation-failed/<credential>}), so raising it again updates it and a {@code resolved} closes it.
 */
public record Incident(
        String incidentKey,
        IncidentStatus status,
        String type,
        Severity severity,
        String title,
        String summary,
        Map<String, String> labels,
        Instant firstSeen,
        Instant lastSeen,
        List<String> links) {

    public Incident {
        Wire.required(incidentKey, "incidentKey");
        Wire.required(status, "status");
        Wire.required(type, "type");
        Wire.required(severity, "severity");
        Wire.required(title, "title");
        Wire.required(firstSeen, "firstSeen");
        Wire.required(lastSeen, "lastSeen");
        labels = Wire.mapOrEmpty(labels);
        links = Wire.listOrEmpty(links);
    }
}
