package dev.tokenwarden.console;

import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.Confidence;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.DeliveryOutcome;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.TokenRotated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small organisation on the topics, published once per test JVM and shared by the page and browser tests: a
 * healthy installation token, a failing fine-grained PAT, a classic PAT about to expire, findings in two
 * repositories, an open incident, a delivery and an operator action.
 */
final class World {
    static final String HEALTHY = "ci-deployer";
    static final String FAILING = "packages-publisher";
    static final String EXPIRING = "docs-reader";
    static final String OLD_HASH = "a1".repeat(32);
    static final String NEW_HASH = "b2".repeat(32);
    static final Instant NOW = Instant.now();

    private static boolean published;

    private World() {
    }

    static synchronized void publishOnce() {
        if (published) {
            return;
        }
        try (TestEvents events = new TestEvents()) {
            credential(events, HEALTHY, CredentialKind.APP_INSTALLATION, "deployment", CredentialStatus.HEALTHY,
                    NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofMinutes(55)));
            credential(events, FAILING, CredentialKind.FINE_GRAINED_PAT, "write_packages", CredentialStatus.FAILED,
                    NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10)));
            credential(events, EXPIRING, CredentialKind.CLASSIC_PAT, "read", CredentialStatus.HEALTHY,
                    NOW.minus(Duration.ofDays(170)), NOW.plus(Duration.ofDays(3)));

            events.send(EventType.TOKEN_ROTATED, Service.TOKEN_BROKER, HEALTHY, new TokenRotated("rot-1", HEALTHY,
                    "github/deployment/payments/" + HEALTHY, 7L, NOW.plus(Duration.ofMinutes(55)), NEW_HASH, NOW.minus(Duration.ofMinutes(5))));
            events.send(EventType.LEDGER_ENTRY, Service.TOKEN_BROKER, OLD_HASH, new LedgerEntry(OLD_HASH, HEALTHY,
                    CredentialKind.APP_INSTALLATION, "deployment", "payments", List.of("acme/payments"), NOW.minus(Duration.ofMinutes(50)),
                    NOW.plus(Duration.ofMinutes(10)), NOW.minus(Duration.ofMinutes(4)), NOW.minus(Duration.ofMinutes(3)), "rotated"));
            events.send(EventType.LEDGER_ENTRY, Service.TOKEN_BROKER, NEW_HASH, new LedgerEntry(NEW_HASH, HEALTHY,
                    CredentialKind.APP_INSTALLATION, "deployment", "payments", List.of("acme/payments"), NOW.minus(Duration.ofMinutes(5)),
                    NOW.plus(Duration.ofMinutes(55)), null, null, null));
            events.send(EventType.TOKEN_ROTATION_FAILED, Service.TOKEN_BROKER, FAILING, new RotationFailed("rot-2", FAILING,
                    RotationStep.TEST, "GitHub refused the uploaded value (401)", false, 2, NOW.minus(Duration.ofHours(1))));

            finding(events, "acme/payments", "scan-1", "fp-1", "template-injection", Severity.CRITICAL, 12);
            finding(events, "acme/payments", "scan-1", "fp-2", "unpinned-action", Severity.MEDIUM, 20);
            finding(events, "acme/docs", "scan-2", "fp-3", "unpinned-action", Severity.LOW, 8);
            scan(events, "acme/payments", "scan-1", Map.of(Severity.CRITICAL, 1, Severity.MEDIUM, 1));
            scan(events, "acme/docs", "scan-2", Map.of(Severity.LOW, 1));

            incident(events, "rotation-failed/" + FAILING, "rotation-failed", Severity.HIGH, "Rotation of " + FAILING + " failed",
                    Map.of("credential", FAILING), Service.TOKEN_BROKER);
            events.send(EventType.NOTIFICATION_DELIVERY, Service.NOTIFIER, "rotation-failed/" + FAILING, new DeliveryRecord("del-1",
                    "rotation-failed/" + FAILING, "ops-email", 1, DeliveryOutcome.DELIVERED, 250, null, NOW));
            events.send(EventType.OPERATOR_ACTION, Service.TOKEN_BROKER, "olga", new OperatorAction("act-1", "olga", "operator",
                    "token-broker", "upload-pat", FAILING, "refused: GitHub answered 401", NOW));
        }
        published = true;
    }

    static void credential(TestEvents events, String id, CredentialKind kind, String tier, CredentialStatus status, Instant rotated,
            Instant expires) {
        events.send(EventType.INVENTORY_ENTRY, Service.ROTATION_SCHEDULER, id, new InventoryEntry(id, kind, tier, "acme",
                "payments", List.of("acme/payments"), List.of(), "platform-team", null));
        events.send(EventType.CREDENTIAL_STATE, Service.TOKEN_BROKER, id, new CredentialState(id, status, 7L, rotated, expires,
                "rot-1", NOW));
    }

    static void incident(TestEvents events, String key, String type, Severity severity, String title, Map<String, String> labels,
            Service from) {
        events.send(EventType.INCIDENT, from, key, new Incident(key, IncidentStatus.FIRING, type, severity, title,
                "raised by the test world", labels, Instant.now(), Instant.now(), List.of()));
    }

    static void finding(TestEvents events, String repository, String scan, String fingerprint, String rule, Severity severity, int line) {
        events.send(EventType.AUDIT_FINDING, Service.WORKFLOW_AUDITOR, repository, new AuditFinding(fingerprint, rule, severity,
                Confidence.HIGH, repository, "main", "0123abc", ".github/workflows/ci.yml", line, 9, "run: echo",
                rule + " in the ci workflow", "see the rule's page", "https://github.com/tokenwarden/tokenwarden/blob/main/docs/rules.md#" + rule, scan));
    }

    static void scan(TestEvents events, String repository, String scan, Map<Severity, Integer> bySeverity) {
        events.send(EventType.AUDIT_SCAN, Service.WORKFLOW_AUDITOR, repository, new ScanSummary(scan, repository, ScanTrigger.PUSH,
                4, bySeverity, 1, 0, List.of(), 42L, NOW));
    }
}
