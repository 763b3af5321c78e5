package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Incidents for domain tests. */
final class Incidents {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private Incidents() {
    }

    static Incident firing(String type, String credential, Severity severity, Instant at) {
        return new Incident(type + "/" + credential, IncidentStatus.FIRING, type, severity, type + " " + credential,
                "summary of " + credential, Map.of("credential", credential, "tier", "deployment", "owner", "team-a"),
                T0, at, List.of());
    }

    static Incident resolved(Incident incident, Instant at) {
        return new Incident(incident.incidentKey(), IncidentStatus.RESOLVED, incident.type(), incident.severity(),
                incident.title(), incident.summary(), incident.labels(), incident.firstSeen(), at, incident.links());
    }
}
