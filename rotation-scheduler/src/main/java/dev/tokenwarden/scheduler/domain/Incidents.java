package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's incidents. Keys are deterministic and first-seen instants are derived from the schedule
 * (the deadline or threshold that was crossed), so raising one again after a restart updates the same incident.
 */
public final class Incidents {
    public static final String OVERDUE = "rotation-overdue";
    public static final String EXPIRING = "credential-expiring";
    public static final String RATE_LIMIT_LOW = "rate-limit-low";

    private Incidents() {
    }

    public static String overdueKey(String credentialId) {
        return OVERDUE + "/" + credentialId;
    }

    public static String expiringKey(String credentialId, Duration threshold) {
        return EXPIRING + "/" + credentialId + "/" + threshold.toDays() + "d";
    }

    public static String rateLimitKey(String installation) {
        return RATE_LIMIT_LOW + "/" + installation;
    }

    static Incident overdue(InventoryEntry entry, IncidentStatus status, String rotationId, int attempts, Instant firstSeen, Instant now) {
        return new Incident(overdueKey(entry.id()), status, OVERDUE, Severity.HIGH,
                "Rotation of " + entry.id() + " is overdue",
                "rotation " + rotationId + " was emitted " + attempts + " time(s) and not confirmed by credential.state",
                labels(entry), firstSeen, now, List.of());
    }

    static Incident expiring(InventoryEntry entry, IncidentStatus status, Duration threshold, Instant expiresAt, Instant now) {
        Severity severity = threshold.toDays() <= 1 ? Severity.CRITICAL : threshold.toDays() <= 7 ? Severity.HIGH : Severity.MEDIUM;
        return new Incident(expiringKey(entry.id(), threshold), status, EXPIRING, severity,
                entry.id() + " expires in less than " + threshold.toDays() + " day(s)",
                "expires at " + expiresAt + "; owner " + entry.owner() + " must upload a replacement",
                labels(entry), expiresAt.minus(threshold), now, List.of());
    }

    static Incident rateLimitLow(String installation, IncidentStatus status, int remaining, int limit, Instant firstSeen, Instant now) {
        return new Incident(rateLimitKey(installation), status, RATE_LIMIT_LOW, Severity.MEDIUM,
                "GitHub rate limit of installation " + installation + " is running low",
                remaining + " of " + limit + " requests remain; the scheduler paces mints conservatively",
                Map.of("installation", installation), firstSeen, now, List.of());
    }

    private static Map<String, String> labels(InventoryEntry entry) {
        return Map.of("credential", entry.id(), "tier", entry.tier(), "consumer", entry.consumer(),
                "repository", String.join(",", entry.repositories()));
    }
}
