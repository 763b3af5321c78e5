package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Incident;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What routes, silences and inhibition rules match on: the incident's own labels (tier, repository, consumer,
 * owner, credential, rule, ...) plus {@code type}, {@code severity}, {@code status} and {@code incidentKey}, which
 * the incident carries as fields. The fields win over a label of the same name, so a producer cannot
 * disguise an incident's type.
 */
public final class IncidentLabels {
    public static final String TYPE = "type";
    public static final String SEVERITY = "severity";
    public static final String STATUS = "status";
    public static final String INCIDENT_KEY = "incidentKey";

    private IncidentLabels() {
    }

    public static Map<String, String> of(Incident incident) {
        Map<String, String> labels = new HashMap<>(incident.labels());
        labels.put(TYPE, incident.type());
        labels.put(SEVERITY, incident.severity().name().toLowerCase(Locale.ROOT));
        labels.put(STATUS, incident.status().name().toLowerCase(Locale.ROOT));
        labels.put(INCIDENT_KEY, incident.incidentKey());
        return Map.copyOf(labels);
    }
}
