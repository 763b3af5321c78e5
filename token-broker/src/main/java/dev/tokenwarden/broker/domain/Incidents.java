package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The broker's incidents; each key is deterministic so a later event updates or resolves the same incident. */
final class Incidents {
    static final String ROTATION_FAILED = "rotation-failed";
    static final String REVOCATION_FAILED = "revocation-failed";
    static final String CREDENTIAL_EXPOSED = "credential-exposed";
    static final String USED_AFTER_REVOCATION = "credential-used-after-revocation";
    static final String USED_OUTSIDE_GRANT = "credential-used-outside-grant";
    static final String UNUSED = "credential-unused";
    static final String USER_TOKEN_REAUTHORISE = "user-token-reauthorise";

    private Incidents() {
    }

    static Incident rotationFailed(CredentialTarget target, RotationStep step, String reason, Instant now) {
        return firing(ROTATION_FAILED, target, Severity.HIGH,
                "Rotation of " + target.credentialId() + " failed at " + step.name().toLowerCase(),
                reason + " The previous credential is still in place.", now);
    }

    static Incident userTokenReauthorise(CredentialTarget target, String reason, Instant now) {
        return firing(USER_TOKEN_REAUTHORISE, target, Severity.CRITICAL,
                "The GitHub App user token " + target.credentialId() + " needs its user to authorise the app again",
                reason + " Until then the current access token is not renewed and stops working when it expires.", now);
    }

    static Incident revocationFailed(CredentialTarget target, String reason, Instant now) {
        return firing(REVOCATION_FAILED, target, Severity.HIGH,
                "Revoking a superseded value of " + target.credentialId() + " keeps failing",
                reason + " The broker retries on every sweep.", now);
    }

    static Incident exposed(LedgerEntry entry, CredentialExposed exposure, Instant now) {
        String where = exposure.repository() == null ? "" : " in " + exposure.repository();
        return firing(CREDENTIAL_EXPOSED, CredentialTarget.of(entry), Severity.CRITICAL,
                "A value of " + entry.credentialId() + " was exposed" + where,
                "Reported by " + exposure.source().name().toLowerCase().replace('_', '-') + " at " + exposure.detectedAt()
                        + " (value SHA-256 " + entry.valueHash() + "). The broker revokes it and the scheduler replaces it.",
                now, exposure.alertUrl() == null ? List.of() : List.of(exposure.alertUrl()));
    }

    static Incident usedAfterRevocation(CredentialTarget target, LedgerEntry entry, AuditLog.Event use, Instant now) {
        String retired = entry.revoked() ? "revoked at " + entry.revokedAt() : "superseded, its overlap ended at " + entry.revokeAfter();
        return firing(USED_AFTER_REVOCATION, target, Severity.CRITICAL,
                "A retired value of " + target.credentialId() + " is still being used",
                "Value SHA-256 " + entry.valueHash() + " (" + retired + ") was used at " + use.at() + where(use)
                        + ". Whoever holds it kept a copy: find and remove it, and check what it did.", now);
    }

    static Incident usedOutsideGrant(CredentialTarget target, AuditLog.Event use, String reason, Instant now) {
        return firing(USED_OUTSIDE_GRANT, target, Severity.HIGH,
                target.credentialId() + " was used outside what its inventory entry allows",
                "At " + use.at() + where(use) + ": " + reason + ".", now);
    }

    static Incident unused(CredentialTarget target, Instant lastUsedAt, Duration window, Instant now) {
        return firing(UNUSED, target, Severity.LOW,
                target.credentialId() + " has not been used for longer than its tier allows",
                (lastUsedAt == null ? "No use in the audit log since it was first issued" : "Last used at " + lastUsedAt)
                        + "; tier " + target.tier() + " allows " + window + " without use. A candidate for revocation.", now);
    }

    private static String where(AuditLog.Event use) {
        return " by " + use.actor() + (use.repository() == null ? "" : " on " + use.repository())
                + (use.actorIp() == null ? "" : " from " + use.actorIp()) + " (" + use.action() + ")";
    }

    static Incident resolved(String type, CredentialTarget target, String title, Instant now) {
        return new Incident(key(type, target), IncidentStatus.RESOLVED, type, Severity.HIGH, title, null,
                labels(target), now, now, List.of());
    }

    private static Incident firing(String type, CredentialTarget target, Severity severity, String title, String summary, Instant now) {
        return firing(type, target, severity, title, summary, now, List.of());
    }

    private static Incident firing(String type, CredentialTarget target, Severity severity, String title, String summary,
            Instant now, List<String> links) {
        return new Incident(key(type, target), IncidentStatus.FIRING, type, severity, title, TokenShapes.redact(summary),
                labels(target), now, now, links);
    }

    private static String key(String type, CredentialTarget target) {
        return type + "/" + target.credentialId();
    }

    private static Map<String, String> labels(CredentialTarget target) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("credential", target.credentialId());
        labels.put("tier", target.tier());
        labels.put("consumer", target.consumer());
        if (!target.repositories().isEmpty()) {
            labels.put("repository", String.join(",", target.repositories()));
        }
        return labels;
    }
}
