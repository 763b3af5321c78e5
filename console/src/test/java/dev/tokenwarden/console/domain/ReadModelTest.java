package dev.tokenwarden.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.Confidence;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.DeliveryOutcome;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.TokenRotated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadModelTest {
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final RotationPolicy POLICY = new RotationPolicy(Map.of("read", Duration.ofDays(180), "deployment", Duration.ofDays(30)),
            Duration.ofMinutes(45), Duration.ofDays(14), Duration.ofDays(7));

    final ReadModel model = new ReadModel(POLICY, new ReadModel.Limits(3, 2, 5));

    static InventoryEntry entry(String id, CredentialKind kind, String tier) {
        return new InventoryEntry(id, kind, tier, "acme", "team-" + tier, List.of("acme/api"), List.of(), "owner@acme", null);
    }

    static CredentialState state(String id, CredentialStatus status, Instant rotated, Instant expires, Instant updated) {
        return new CredentialState(id, status, 3L, rotated, expires, "rot-1", updated);
    }

    static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    @Test
    void aCredentialIsFailingOverdueExpiringOrHealthyFromItsStateExpiryAndTheSchedulersIncidents() {
        model.inventory("failing", entry("failing", CredentialKind.FINE_GRAINED_PAT, "read"));
        model.state("failing", state("failing", CredentialStatus.FAILED, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(60)), NOW));
        model.inventory("expired", entry("expired", CredentialKind.CLASSIC_PAT, "read"));
        model.state("expired", state("expired", CredentialStatus.HEALTHY, NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1), NOW));
        model.inventory("expiring", entry("expiring", CredentialKind.CLASSIC_PAT, "deployment"));
        model.state("expiring", state("expiring", CredentialStatus.HEALTHY, NOW.minus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(3)), NOW));
        model.inventory("fine", entry("fine", CredentialKind.APP_INSTALLATION, "deployment"));
        model.state("fine", state("fine", CredentialStatus.HEALTHY, NOW.minus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(50)), NOW));
        model.inventory("new", entry("new", CredentialKind.APP_INSTALLATION, "read"));

        assertThat(health("failing")).isEqualTo(Health.FAILING);
        assertThat(health("expired")).isEqualTo(Health.OVERDUE);
        assertThat(health("expiring")).isEqualTo(Health.EXPIRING);
        assertThat(health("fine")).isEqualTo(Health.HEALTHY);
        assertThat(health("new")).isEqualTo(Health.PENDING);

        model.incident(overdue("fine", IncidentStatus.FIRING, NOW));
        assertThat(health("fine")).isEqualTo(Health.OVERDUE);
        model.incident(overdue("fine", IncidentStatus.RESOLVED, NOW.plusSeconds(60)));
        assertThat(health("fine")).isEqualTo(Health.HEALTHY);

        Credentials.Summary summary = model.overview(NOW, 10).credentials();
        assertThat(summary.total()).isEqualTo(5);
        assertThat(summary.byTierAndKind()).containsEntry("read", Map.of("fine-grained-pat", 1, "classic-pat", 1, "app-installation", 1))
                .containsEntry("deployment", Map.of("classic-pat", 1, "app-installation", 1));
        assertThat(summary.needingAttention()).extracting(CredentialRow::id).containsExactlyInAnyOrder("failing", "expired");
        assertThat(summary.expiringSoon()).extracting(CredentialRow::id).containsExactly("expiring");
    }

    @Test
    void theNextRotationIsTheEarlierOfThePeriodAndTheExpiryMinusTheWarningLead() {
        Instant rotated = NOW.minus(Duration.ofDays(10));
        model.inventory("pat", entry("pat", CredentialKind.FINE_GRAINED_PAT, "deployment"));
        model.state("pat", state("pat", CredentialStatus.HEALTHY, rotated, NOW.plus(Duration.ofDays(100)), NOW));
        assertThat(model.credentials().row("pat", NOW).orElseThrow().nextRotation()).isEqualTo(rotated.plus(Duration.ofDays(30)));

        model.state("pat", state("pat", CredentialStatus.HEALTHY, rotated, NOW.plus(Duration.ofDays(15)), NOW.plusSeconds(1)));
        assertThat(model.credentials().row("pat", NOW).orElseThrow().nextRotation()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aUserTokenRenewedByTheBrokerIsNeverExpiringSoonAndIsNextDueAtTheLatestWhenItExpires() {
        Instant expires = NOW.plus(Duration.ofHours(7));
        model.inventory("user", entry("user", CredentialKind.APP_USER_TOKEN, "workflow"));
        model.state("user", state("user", CredentialStatus.HEALTHY, NOW.minus(Duration.ofHours(1)), expires, NOW));
        assertThat(health("user")).isEqualTo(Health.HEALTHY);
        assertThat(model.credentials().row("user", NOW).orElseThrow().nextRotation()).isEqualTo(expires);
    }

    @Test
    void anOlderStateDeliveredAfterANewerOneChangesNothing() {
        model.state("c", state("c", CredentialStatus.FAILED, null, null, NOW));
        model.state("c", state("c", CredentialStatus.HEALTHY, null, null, NOW.minusSeconds(5)));
        assertThat(model.credentials().row("c", NOW).orElseThrow().status()).isEqualTo(CredentialStatus.FAILED);
    }

    @Test
    void theTimelineKeepsTheNewestStepsOnceEachAndTheLedgerTheNewestEntriesByHash() {
        for (int i = 1; i <= 4; i++) {
            model.rotated("event-" + i, new TokenRotated("rot-" + i, "c", "github/read/team/c", (long) i, null, hash('a'), NOW.plusSeconds(i)));
        }
        model.rotated("event-4", new TokenRotated("rot-4", "c", "github/read/team/c", 4L, null, hash('a'), NOW.plusSeconds(4)));
        model.rotationFailed("event-5", new RotationFailed("rot-5", "c", RotationStep.TEST, "GitHub answered 401", true, 1, NOW.plusSeconds(5)));
        assertThat(model.credentials().timeline("c")).extracting(TimelineEntry::eventId).containsExactly("event-5", "event-4", "event-3");
        assertThat(model.credentials().timeline("c").getFirst().problem()).isTrue();
        assertThat(model.credentials().timeline("c").getFirst().detail()).contains("at test", "GitHub answered 401", "will retry");

        model.ledger(ledger(hash('a'), NOW, null));
        model.ledger(ledger(hash('b'), NOW.plusSeconds(1), null));
        model.ledger(ledger(hash('c'), NOW.plusSeconds(2), null));
        model.ledger(ledger(hash('b'), NOW.plusSeconds(1), NOW.plusSeconds(3)));
        assertThat(model.credentials().ledger("c")).extracting(LedgerLine::valueHash).containsExactly(hash('c'), hash('b'));
        assertThat(model.credentials().ledger("c").get(1).state()).isEqualTo("revoked");
    }

    @Test
    void aRepositorysFindingsAreThoseOfItsLatestScan() {
        model.finding(finding("acme/api", "s1", "f1", "unpinned-action", Severity.HIGH));
        model.finding(finding("acme/api", "s1", "f2", "template-injection", Severity.CRITICAL));
        model.finding(finding("acme/web", "s2", "f3", "unpinned-action", Severity.LOW));
        assertThat(model.findings().page(FindingFilter.ALL, 1, 10).items()).extracting(FindingLine::fingerprint).containsExactly("f2", "f1", "f3");
        assertThat(model.findings().page(new FindingFilter("API", null, null), 1, 10).total()).isEqualTo(2);
        assertThat(model.findings().page(new FindingFilter(null, "unpinned-action", Severity.MEDIUM), 1, 10).items())
                .extracting(FindingLine::fingerprint).containsExactly("f1");
        assertThat(model.findings().counts(FindingFilter.ALL).byRule()).containsEntry("unpinned-action", 2);

        model.finding(finding("acme/api", "s3", "f1", "unpinned-action", Severity.HIGH));
        assertThat(model.findings().page(new FindingFilter("acme/api", null, null), 1, 10).items()).extracting(FindingLine::fingerprint).containsExactly("f1");

        model.scan(new ScanSummary("s4", "acme/api", ScanTrigger.PUSH, 3, Map.of(), 0, 1, List.of(), 10L, NOW));
        assertThat(model.findings().page(new FindingFilter("acme/api", null, null), 1, 10).total()).isZero();
        assertThat(model.findings().postures(FindingFilter.ALL, 1, 10).items()).extracting(Findings.Posture::repository)
                .containsExactly("acme/web", "acme/api");
    }

    @Test
    void incidentsStayOpenUntilResolvedAndAnOlderCopyChangesNothing() {
        model.incident(incident("k1", IncidentStatus.FIRING, Severity.LOW, NOW));
        model.incident(incident("k2", IncidentStatus.FIRING, Severity.CRITICAL, NOW));
        assertThat(model.incidents().open(null, 1, 10).items()).extracting(Incident::incidentKey).containsExactly("k2", "k1");
        model.incident(incident("k1", IncidentStatus.RESOLVED, Severity.LOW, NOW.plusSeconds(1)));
        model.incident(incident("k1", IncidentStatus.FIRING, Severity.LOW, NOW));
        assertThat(model.incidents().open(null, 1, 10).items()).extracting(Incident::incidentKey).containsExactly("k2", "k1");
        assertThat(model.incidents().open("K2", 1, 10).total()).isEqualTo(1);
    }

    @Test
    void deliveriesAreKeptOnceEachAndOnlyTheMostRecent() {
        for (int i = 0; i < 7; i++) {
            model.delivery(new DeliveryRecord("d" + i, "k", "ops", 1, DeliveryOutcome.DELIVERED, 200, null, NOW.plusSeconds(i)));
        }
        model.delivery(new DeliveryRecord("d6", "k", "ops", 1, DeliveryOutcome.DELIVERED, 200, null, NOW.plusSeconds(6)));
        assertThat(model.deliveries().page(d -> true, 1, 10).items()).extracting(DeliveryRecord::deliveryId)
                .containsExactly("d6", "d5", "d4", "d3", "d2");
    }

    @Test
    void aCredentialTombstonedInBothInventoryAndStateLeavesTheModel() {
        model.inventory("gone", entry("gone", CredentialKind.CLASSIC_PAT, "read"));
        model.state("gone", state("gone", CredentialStatus.REVOKED, null, null, NOW));
        model.inventory("gone", null);
        assertThat(model.credentials().row("gone", NOW)).map(CredentialRow::inInventory).contains(false);
        model.state("gone", null);
        assertThat(model.credentials().row("gone", NOW)).isEmpty();
    }

    @Test
    void pagesCountEveryMatchAndHoldOnlyTheirWindow() {
        for (int i = 0; i < 120; i++) {
            model.inventory("cred-%03d".formatted(i), entry("cred-%03d".formatted(i), CredentialKind.CLASSIC_PAT, i % 2 == 0 ? "read" : "deployment"));
        }
        Page<CredentialRow> page = model.credentials().page(new CredentialFilter(null, "read", null, null), 2, 25, NOW);
        assertThat(page.total()).isEqualTo(60);
        assertThat(page.pages()).isEqualTo(3);
        assertThat(page.items()).hasSize(25).first().extracting(CredentialRow::id).isEqualTo("cred-050");
        assertThat(page.from()).isEqualTo(26);
        assertThat(model.credentials().page(new CredentialFilter("CRED-11", null, null, null), 1, 25, NOW).total()).isEqualTo(10);
        assertThat(model.credentials().page(new CredentialFilter(null, null, null, Health.PENDING), 9, 25, NOW).items()).isEmpty();
    }

    private Health health(String id) {
        return model.credentials().row(id, NOW).orElseThrow().health();
    }

    static Incident overdue(String credential, IncidentStatus status, Instant at) {
        return new Incident("rotation-overdue/" + credential, status, ReadModel.OVERDUE_INCIDENT, Severity.HIGH, "overdue", null,
                Map.of("credential", credential), at, at, List.of());
    }

    static Incident incident(String key, IncidentStatus status, Severity severity, Instant at) {
        return new Incident(key, status, "test", severity, "title " + key, null, Map.of(), at, at, List.of());
    }

    static LedgerEntry ledger(String hash, Instant issued, Instant revoked) {
        return new LedgerEntry(hash, "c", CredentialKind.APP_INSTALLATION, "read", "team", List.of(), issued, null, null, revoked,
                revoked == null ? null : "rotated");
    }

    static AuditFinding finding(String repository, String scan, String fingerprint, String rule, Severity severity) {
        return new AuditFinding(fingerprint, rule, severity, Confidence.HIGH, repository, "main", "abc", ".github/workflows/ci.yml",
                3, 7, "uses: x@v1", rule + " here", "pin it", "https://docs.example/" + rule, scan);
    }
}
