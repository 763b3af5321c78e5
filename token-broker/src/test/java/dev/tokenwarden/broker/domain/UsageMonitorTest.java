package dev.tokenwarden.broker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.sandbox.github.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The usage rules on their own: audit log events matched by GitHub's hashed_token against a ledger. */
class UsageMonitorTest {
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final RecordingEvents events = new RecordingEvents();
    private final Ledger ledger = new Ledger(events);
    private final UsageBook book = new UsageBook();
    private final UsageMonitor monitor = new UsageMonitor(ledger, book, events,
            new UsagePolicy(Map.of("deployment", Duration.ofDays(14)), Map.of("team-a", Set.of("deploy-bot[bot]"))), clock);
    private int documents;

    @Test
    void theLedgerCarriesGitHubsHashedTokenOfTheValue() {
        // GitHub's documented recipe: the token's SHA-256, binary, in base64 (openssl dgst -sha256 -binary | base64)
        String value = "example-token-value";
        LedgerEntry entry = issued("c1", value, List.of());
        assertThat(entry.auditLogHash()).isEqualTo(Base64.getEncoder().encodeToString(sha256(value)));
        assertThat(ledger.byAuditLogHash(entry.auditLogHash())).contains(entry);
    }

    @Test
    void aUseIsRecordedAsTheCredentialsLastUse() {
        LedgerEntry entry = issued("c1", "v1", List.of("acme/api"));
        clock.advance(Duration.ofMinutes(5));

        monitor.observe(use(entry, "deploy-bot[bot]", "acme/api"));

        CredentialUsage usage = book.usage("c1").orElseThrow();
        assertThat(usage.lastUsedAt()).isEqualTo(clock.instant());
        assertThat(usage.valueHash()).isEqualTo(entry.valueHash());
        assertThat(usage.actor()).isEqualTo("deploy-bot[bot]");
        assertThat(usage.repository()).isEqualTo("acme/api");
        assertThat(usage.actorIp()).isEqualTo("198.51.100.4");
        assertThat(events.of(Incident.class)).isEmpty();
    }

    @Test
    void aRevokedValueUsedAgainRaisesOneIncidentHoweverOftenItIsUsed() {
        LedgerEntry old = issued("c1", "v1", List.of());
        ledger.apply(Ledger.withRevoked(old, clock.instant(), "rotated"));
        clock.advance(Duration.ofMinutes(1));

        monitor.observe(use(old, "deploy-bot[bot]", null));
        monitor.observe(use(old, "deploy-bot[bot]", null));

        assertThat(events.of(Incident.class)).singleElement().satisfies(incident -> {
            assertThat(incident.incidentKey()).isEqualTo("credential-used-after-revocation/c1");
            assertThat(incident.status()).isEqualTo(IncidentStatus.FIRING);
            assertThat(incident.summary()).contains(old.valueHash()).doesNotContain("v1");
        });
    }

    @Test
    void aUseDuringTheOverlapIsFineAndAfterItIsNot() {
        LedgerEntry old = issued("c1", "v1", List.of());
        ledger.apply(Ledger.withRevokeAfter(old, START.plus(Duration.ofMinutes(10))));

        clock.advance(Duration.ofMinutes(9));
        monitor.observe(use(old, "deploy-bot[bot]", null));
        assertThat(events.of(Incident.class)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        monitor.observe(use(old, "deploy-bot[bot]", null));
        assertThat(events.of(Incident.class)).extracting(Incident::type).containsExactly("credential-used-after-revocation");
    }

    @Test
    void anActorOrRepositoryTheEntryDoesNotAllowRaisesAnIncident() {
        LedgerEntry entry = issued("c1", "v1", List.of("acme/api"));

        monitor.observe(use(entry, "mallory", "acme/api"));
        monitor.observe(use(entry, "deploy-bot[bot]", "acme/payroll"));

        assertThat(events.of(Incident.class)).singleElement().satisfies(incident -> {
            assertThat(incident.incidentKey()).isEqualTo("credential-used-outside-grant/c1");
            assertThat(incident.summary()).contains("mallory");
        });
    }

    @Test
    void aCredentialUnusedPastItsTiersWindowIsReportedOnceAndResolvedByItsNextUse() {
        LedgerEntry entry = issued("c1", "v1", List.of());
        issued("c2", "read", "v2", List.of());

        clock.advance(Duration.ofDays(14));
        assertThat(monitor.reportUnused()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(monitor.reportUnused()).containsExactly("c1");
        assertThat(monitor.reportUnused()).isEmpty();

        monitor.observe(use(entry, "deploy-bot[bot]", null));

        assertThat(events.of(Incident.class)).extracting(Incident::incidentKey, Incident::status).containsExactly(
                tuple("credential-unused/c1", IncidentStatus.FIRING),
                tuple("credential-unused/c1", IncidentStatus.RESOLVED));
        assertThat(book.usage("c1").orElseThrow().firing()).isEmpty();
    }

    @Test
    void aUseOfAValueTheLedgerDoesNotKnowIsIgnored() {
        assertThat(monitor.observe(new AuditLog.Event("d", clock.instant(), "git.clone", "someone", null, null,
                LedgerEntry.auditLogHashOf(Secret.sha256Hex("not ours"))))).isEmpty();
        assertThat(events.all).isEmpty();
    }

    private LedgerEntry issued(String credentialId, String value, List<String> repositories) {
        return issued(credentialId, "deployment", value, repositories);
    }

    private LedgerEntry issued(String credentialId, String tier, String value, List<String> repositories) {
        LedgerEntry entry = new LedgerEntry(Secret.sha256Hex(value), credentialId, CredentialKind.APP_INSTALLATION, tier, "team-a",
                repositories, clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, null, null);
        ledger.apply(entry);
        return entry;
    }

    private AuditLog.Event use(LedgerEntry entry, String actor, String repository) {
        return new AuditLog.Event("doc-" + documents++, clock.instant(), "git.clone", actor, repository, "198.51.100.4", entry.auditLogHash());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
