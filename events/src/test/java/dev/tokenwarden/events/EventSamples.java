package dev.tokenwarden.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** One realistic payload per event type, with every optional field set so the schemas check them all. */
final class EventSamples {
    private static final Instant AT = Instant.parse("2026-11-22T15:04:05.123Z");
    private static final String CREDENTIAL = "deploy-payments-prod";
    private static final String REPOSITORY = "acme/payments";
    private static final String VALUE_HASH = sha256("sample credential value");

    private EventSamples() {
    }

    static InventoryEntry inventoryEntry() {
        return new InventoryEntry(CREDENTIAL, CredentialKind.APP_INSTALLATION, "deployment", "acme", "payments-team",
                List.of(REPOSITORY, "acme/payments-infra"),
                List.of(new AppInstallation(123456L, 7890123L), new AppInstallation(123457L, 7890124L)),
                "alice",
                new PolicyOverrides(Duration.ofDays(14), Duration.ofDays(3), Boolean.FALSE));
    }

    static Record of(EventType type) {
        return switch (type) {
            case INVENTORY_ENTRY -> inventoryEntry();
            case ROTATION_DUE -> new RotationDue("3f2a9c1e", CREDENTIAL, AT, AT.plus(Duration.ofMinutes(50)),
                    RotationReason.SCHEDULED, 1, "scheduler", inventoryEntry(), new AppInstallation(123457L, 7890124L));
            case ROTATION_REQUESTED -> new RotationRequested("action-78", RotationScope.CONSUMER, "payments-team", RotationReason.EMERGENCY,
                    "alice", AT);
            case TOKEN_ROTATED -> new TokenRotated("3f2a9c1e", CREDENTIAL, "github/deployment/payments-team/" + CREDENTIAL,
                    7L, AT.plus(Duration.ofHours(1)), VALUE_HASH, AT);
            case TOKEN_ROTATION_FAILED -> new RotationFailed("3f2a9c1e", CREDENTIAL, RotationStep.STORE,
                    "Vault check-and-set conflict", true, 2, AT);
            case TOKEN_REVOKED -> new TokenRevoked(CREDENTIAL, VALUE_HASH, "overlap window passed", AT);
            case CREDENTIAL_STATE -> new CredentialState(CREDENTIAL, CredentialStatus.HEALTHY, 7L, AT,
                    AT.plus(Duration.ofHours(1)), "3f2a9c1e", AT);
            case LEDGER_ENTRY -> new LedgerEntry(VALUE_HASH, CREDENTIAL, CredentialKind.APP_INSTALLATION, "read",
                    "payments-team", List.of(REPOSITORY), AT, AT.plus(Duration.ofHours(1)),
                    AT.plus(Duration.ofMinutes(10)), AT.plus(Duration.ofMinutes(11)), "rotated", null, new AppInstallation(123456L, 7890123L));
            case CREDENTIAL_USAGE -> new CredentialUsage(CREDENTIAL, VALUE_HASH, AT, "deploy-bot", REPOSITORY, "203.0.113.7",
                    "git.clone", List.of("credential-used-after-revocation"), AT.plusSeconds(30));
            case AUDIT_LOG_CURSOR -> new AuditLogCursor("acme", "MS42OTk0NTk4MDAwMDB8c2FtcGxl", List.of("doc-1", "doc-2"), AT);
            case RATE_LIMIT_OBSERVED -> new RateLimitObservation("123456/7890123", "core", 5000, 4312,
                    AT.plus(Duration.ofMinutes(40)), AT.plus(Duration.ofSeconds(60)), AT);
            case CREDENTIAL_EXPOSED -> new CredentialExposed(VALUE_HASH, ExposureSource.SECRET_SCANNING, REPOSITORY,
                    "https://github.com/acme/payments/security/secret-scanning/42", "github_app_installation_token", AT);
            case AUDIT_FINDING -> new AuditFinding(sha256("unpinned-action|.github/workflows/ci.yml|uses: actions/checkout@v4"),
                    "unpinned-action", Severity.MEDIUM, Confidence.HIGH, REPOSITORY, "refs/heads/main",
                    "9fceb02d0ae598e95dc970b74767f19372d61af8", ".github/workflows/ci.yml", 14, 15,
                    "uses: actions/checkout@v4", "Action is referenced by a tag, not a commit SHA",
                    "Pin actions/checkout to a full commit SHA", "https://tokenwarden.dev/rules/unpinned-action", "scan-81");
            case AUDIT_SCAN -> new ScanSummary("scan-81", REPOSITORY, ScanTrigger.PULL_REQUEST, 6,
                    Map.of(Severity.MEDIUM, 1, Severity.HIGH, 2), 1, 3,
                    List.of(".github/workflows/broken.yml: duplicate key 'on' at line 3"), 412L, AT);
            case AUDIT_BASELINE -> new AuditBaseline(REPOSITORY, List.of("fp-1", "fp-2"), AT);
            case AUDIT_ORG_SCAN -> new OrgScanProgress("org-scan-7d2f", "acme", List.of("payments", "web"), OrgScanState.PAUSED_RATE_LIMITED,
                    2, 1, 0, 3, List.of("payments"), "otto", "not failed", AT, AT.plusSeconds(30), AT.plusSeconds(90),
                    AT.plusSeconds(60));
            case FIX_PROPOSED -> new FixProposed(REPOSITORY, "main", "tokenwarden/fix-3f2a9c0d1e4b", 42L,
                    "https://github.com/" + REPOSITORY + "/pull/42", "0123456789abcdef0123456789abcdef01234567",
                    List.of(".github/workflows/ci.yml"), Map.of("missing-timeout", 2, "persisted-credentials", 1), 1, "otto", AT);
            case INCIDENT -> new Incident("rotation-failed/" + CREDENTIAL, IncidentStatus.FIRING, "rotation-failed",
                    Severity.HIGH, "Rotation of " + CREDENTIAL + " failed", "Vault refused the write twice",
                    Map.of("tier", "deployment", "consumer", "payments-team"), AT, AT.plus(Duration.ofMinutes(5)),
                    List.of("https://console.tokenwarden.example/credentials/" + CREDENTIAL));
            case NOTIFICATION_DELIVERY -> new DeliveryRecord("delivery-5c1e", "rotation-failed/" + CREDENTIAL,
                    "payments-oncall", 1, DeliveryOutcome.DELIVERED, 202, "accepted", AT);
            case SILENCE -> new SilenceRecord("5e3c0d6a-silence", List.of("credential=\"" + CREDENTIAL + "\"", "severity>=\"high\""),
                    AT, AT.plus(Duration.ofHours(4)), "alice", "Vault maintenance window", "bob", AT.plus(Duration.ofHours(1)));
            case OPERATOR_ACTION -> new OperatorAction("action-77", "alice", "operator", "rotation-scheduler",
                    "rotate-now", CREDENTIAL, "accepted", AT);
        };
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
