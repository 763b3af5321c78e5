package dev.tokenwarden.broker.domain;

import static dev.tokenwarden.broker.domain.BrokerFixture.OVERLAP;
import static dev.tokenwarden.broker.domain.BrokerFixture.appEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.broker.domain.RotationResult.Outcome;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppTokenRotationTest {
    private static final AppInstallation FIRST = new AppInstallation(1L, 11L);
    private static final AppInstallation SECOND = new AppInstallation(1L, 12L);
    private static final String PATH = "github/workflow/team-a/ci-token";

    private final BrokerFixture broker = new BrokerFixture();
    private final InventoryEntry entry = appEntry("ci-token", "workflow", List.of(FIRST), false);

    @Test
    void rotationStoresProvesAndPublishesANarrowedToken() {
        RotationResult result = broker.due.handle(broker.dueFor(entry, "rot-1", 1));

        assertThat(result.outcome()).isEqualTo(Outcome.ROTATED);
        assertThat(broker.github.mintedPermissions).containsExactly(Map.of("contents", "read", "metadata", "read", "actions", "write"));
        StoredSecret stored = broker.store.current(PATH).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.data().rotationId()).isEqualTo("rot-1");
        assertThat(stored.data().repositories()).containsExactly("api", "web");
        String hash = broker.github.issued.getFirst().sha256();
        TokenRotated rotated = broker.events.last(TokenRotated.class);
        assertThat(rotated.valueHash()).isEqualTo(hash);
        assertThat(rotated.vaultPath()).isEqualTo(PATH);
        assertThat(rotated.vaultVersion()).isEqualTo(1L);
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.HEALTHY);
        assertThat(broker.ledger.byHash(hash)).get().extracting(LedgerEntry::revokeAfter).isNull();
        assertThat(broker.events.of(Incident.class)).isEmpty();
        assertThat(broker.store.labels(PATH)).contains(new SecretLabels("ci-token", "workflow", CredentialKind.APP_INSTALLATION,
                "team-a", "owner@acme.test", "rot-1", stored.data().expiresAt()));
        assertThat(broker.github.verifiedAs).as("proved as the installation it came from").containsExactly(FIRST.key());
    }

    @Test
    void workflowsWriteOnlyWhenTheEntryGrantsItAndTheTierAllowsIt() {
        broker.due.handle(broker.dueFor(appEntry("wf", "workflow", List.of(FIRST), true), "rot-1", 1));
        assertThat(broker.github.mintedPermissions.getLast()).containsEntry("workflows", "write");

        RotationResult refused = broker.due.handle(broker.dueFor(appEntry("rd", "read", List.of(FIRST), true), "rot-2", 1));
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.failedStep()).isEqualTo(RotationStep.CREATE);
        assertThat(refused.failure()).contains("may not be granted workflows:write");
        assertThat(broker.github.mints()).isEqualTo(1);
    }

    @Test
    void duplicateOrderDoesNothing() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        int events = broker.events.all.size();

        RotationResult again = broker.due.handle(broker.dueFor(entry, "rot-1", 1));

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(broker.github.mints()).isEqualTo(1);
        assertThat(broker.events.all).hasSize(events);
        assertThat(broker.store.versionCount(PATH)).isEqualTo(1);
    }

    @Test
    void anOlderOrderRedeliveredAfterANewerRotationDoesNothing() {
        RotationDue first = broker.dueFor(entry, "rot-1", 1);
        broker.due.handle(first);
        broker.clock.advance(Duration.ofMinutes(45));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        Secret current = broker.github.issued.getLast();

        RotationResult redelivered = broker.restarted().due.handle(first);

        assertThat(redelivered.outcome()).as("superseded by rot-2").isEqualTo(Outcome.DUPLICATE);
        assertThat(broker.github.mints()).isEqualTo(2);
        assertThat(broker.store.versionCount(PATH)).isEqualTo(2);
        assertThat(broker.store.current(PATH).orElseThrow().data().token()).isEqualTo(current);
    }

    @Test
    void previousStaysValidThroughTheOverlapThenTheSweepRevokesIt() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        Secret first = broker.github.issued.getFirst();
        broker.clock.advance(Duration.ofMinutes(45));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));

        assertThat(broker.ledger.byHash(first.sha256()).orElseThrow().revokeAfter())
                .isEqualTo(broker.clock.instant().plus(OVERLAP));
        assertThat(broker.revocations.sweep()).isEmpty();
        assertThat(broker.github.revoked).isEmpty();

        broker.clock.advance(OVERLAP);
        assertThat(broker.revocations.sweep()).extracting(Revocations.Revocation::outcome)
                .containsExactly(Revocations.Revocation.Outcome.REVOKED);
        assertThat(broker.github.revoked).containsExactly(first);
        assertThat(broker.github.revokedAs).as("revoked as the installation the ledger says it came from").containsExactly(FIRST.key());
        assertThat(broker.events.last(TokenRevoked.class).valueHash()).isEqualTo(first.sha256());
        assertThat(broker.ledger.current("ci-token")).extracting(LedgerEntry::valueHash)
                .containsExactly(broker.github.issued.getLast().sha256());
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.HEALTHY);
    }

    @Test
    void pendingRevocationsResumeAfterARestart() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        BrokerFixture restarted = broker.restarted();
        broker.clock.advance(OVERLAP);

        assertThat(restarted.revocations.sweep()).extracting(Revocations.Revocation::outcome)
                .containsExactly(Revocations.Revocation.Outcome.REVOKED);
        assertThat(broker.github.revoked).containsExactly(broker.github.issued.getFirst());
        assertThat(broker.github.revokedAs).as("the ledger read back after the restart still names the installation")
                .containsExactly(FIRST.key());
    }

    @Test
    void crashAfterStoreResumesOnRedeliveryWithoutMintingAgain() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.store.crashAfterNextWrite = true;
        assertThatThrownBy(() -> broker.due.handle(broker.dueFor(entry, "rot-2", 1))).isInstanceOf(InMemorySecretStore.Crash.class);
        assertThat(broker.github.mints()).isEqualTo(2);

        BrokerFixture restarted = broker.restarted();
        RotationResult redelivered = restarted.due.handle(restarted.dueFor(entry, "rot-2", 1));

        assertThat(redelivered.outcome()).isEqualTo(Outcome.RESUMED);
        assertThat(broker.github.mints()).isEqualTo(2);
        assertThat(broker.github.verifiedAs).as("what Vault held does not say where it was minted")
                .containsExactly(FIRST.key(), "unknown");
        assertThat(broker.store.labels(PATH)).get().extracting(SecretLabels::rotationId).as("labelled by the resumed rotation")
                .isEqualTo("rot-2");
        assertThat(broker.store.versionCount(PATH)).isEqualTo(2);
        assertThat(broker.events.last(TokenRotated.class).rotationId()).isEqualTo("rot-2");
        assertThat(restarted.ledger.current("ci-token")).extracting(LedgerEntry::valueHash)
                .containsExactly(broker.github.issued.getLast().sha256());
        assertThat(restarted.due.handle(restarted.dueFor(entry, "rot-2", 1)).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void vaultUnavailableDuringStoreLeavesThePreviousInPlaceAndALaterSuccessResolvesTheIncident() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        String firstHash = broker.github.issued.getFirst().sha256();
        broker.store.writeFailuresLeft = 1;

        RotationResult failed = broker.due.handle(broker.dueFor(entry, "rot-2", 1));

        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.retryable()).isTrue();
        RotationFailed event = broker.events.last(RotationFailed.class);
        assertThat(event.step()).isEqualTo(RotationStep.STORE);
        assertThat(event.reason()).contains("503");
        assertThat(broker.store.current(PATH).orElseThrow().data().token().sha256()).isEqualTo(firstHash);
        assertThat(broker.github.revoked).as("the minted value Vault never took is revoked at once")
                .containsExactly(broker.github.issued.getLast());
        assertThat(broker.ledger.current("ci-token")).extracting(LedgerEntry::valueHash).containsExactly(firstHash);
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.FAILED);
        Incident firing = broker.events.last(Incident.class);
        assertThat(firing.incidentKey()).isEqualTo("rotation-failed/ci-token");
        assertThat(firing.status()).isEqualTo(IncidentStatus.FIRING);

        assertThat(broker.due.handle(broker.dueFor(entry, "rot-2", 2)).outcome()).isEqualTo(Outcome.ROTATED);
        Incident resolved = broker.events.last(Incident.class);
        assertThat(resolved.incidentKey()).isEqualTo("rotation-failed/ci-token");
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aValueThatFailsItsTestIsReplacedByThePreviousOneAndRevokedSoon() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        Secret first = broker.github.issued.getFirst();
        broker.github.verifyFailuresLeft = 1;

        RotationResult failed = broker.due.handle(broker.dueFor(entry, "rot-2", 1));

        assertThat(failed.failedStep()).isEqualTo(RotationStep.TEST);
        StoredSecret current = broker.store.current(PATH).orElseThrow();
        assertThat(current.version()).isEqualTo(3);
        assertThat(current.data().token()).isEqualTo(first);
        assertThat(broker.ledger.current("ci-token")).extracting(LedgerEntry::valueHash).containsExactly(first.sha256());
        assertThat(broker.revocations.sweep()).extracting(Revocations.Revocation::valueHash)
                .containsExactly(broker.github.issued.getLast().sha256());
    }

    @Test
    void mintsFromTheInstallationWithTheMostHeadroomAndSkipsOneUnderASecondaryLimit() {
        InventoryEntry pooled = appEntry("pooled", "read", List.of(FIRST, SECOND), false);
        broker.rateLimits.apply(observation(FIRST, 4000, null));
        broker.rateLimits.apply(observation(SECOND, 200, null));
        broker.due.handle(broker.dueFor(pooled, "rot-1", 1));
        assertThat(broker.github.mintedFrom.getLast()).isEqualTo(FIRST);

        broker.rateLimits.apply(observation(FIRST, 4000, broker.clock.instant().plusSeconds(60)));
        broker.due.handle(broker.dueFor(pooled, "rot-2", 1));
        assertThat(broker.github.mintedFrom.getLast()).isEqualTo(SECOND);

        broker.rateLimits.apply(observation(SECOND, 200, broker.clock.instant().plusSeconds(30)));
        RotationResult limited = broker.due.handle(broker.dueFor(pooled, "rot-3", 1));
        assertThat(limited.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.failure()).contains("rate-limited until " + broker.clock.instant().plusSeconds(30));
        assertThat(broker.github.mints()).isEqualTo(2);
    }

    @Test
    void mintsFromTheInstallationTheSchedulerPacedForUnlessItIsLimited() {
        InventoryEntry pooled = appEntry("pooled", "read", List.of(FIRST, SECOND), false);
        broker.rateLimits.apply(observation(FIRST, 4000, null));
        broker.rateLimits.apply(observation(SECOND, 200, null));
        broker.due.handle(broker.dueFor(pooled, "rot-1", 1, SECOND));
        assertThat(broker.github.mintedFrom.getLast()).as("the scheduler took SECOND's budget, though FIRST has more headroom").isEqualTo(SECOND);

        broker.rateLimits.apply(observation(SECOND, 200, broker.clock.instant().plusSeconds(30)));
        broker.due.handle(broker.dueFor(pooled, "rot-2", 1, SECOND));
        assertThat(broker.github.mintedFrom.getLast()).as("SECOND under a secondary limit now").isEqualTo(FIRST);
    }

    @Test
    void noValueInAnyEvent() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.store.writeFailuresLeft = 1;
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        broker.due.handle(broker.dueFor(entry, "rot-2", 2));
        broker.clock.advance(OVERLAP);
        broker.revocations.sweep();

        String published = broker.events.all.stream()
                .map(e -> new String(EventJson.write(e), StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(broker.github.issued).hasSize(3);
        for (Secret value : broker.github.issued) {
            assertThat(published).doesNotContain(value.reveal());
        }
        assertThat(published).contains(broker.github.issued.getFirst().sha256(), broker.github.issued.getLast().sha256());
    }

    private RateLimitObservation observation(AppInstallation installation, int remaining, java.time.Instant secondaryUntil) {
        return new RateLimitObservation(installation.key(), "core", 5000, remaining,
                broker.clock.instant().plus(Duration.ofMinutes(30)), secondaryUntil, broker.clock.instant());
    }
}
