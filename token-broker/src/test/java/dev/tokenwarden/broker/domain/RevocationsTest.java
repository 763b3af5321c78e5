package dev.tokenwarden.broker.domain;

import static dev.tokenwarden.broker.domain.BrokerFixture.OVERLAP;
import static dev.tokenwarden.broker.domain.BrokerFixture.appEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.broker.domain.Revocations.ExposureOutcome;
import dev.tokenwarden.broker.domain.Revocations.Revocation;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.ExposureSource;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.TokenRevoked;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationsTest {
    private final BrokerFixture broker = new BrokerFixture();
    private final InventoryEntry entry = appEntry("ci-token", "workflow", List.of(new AppInstallation(1L, 11L)), false);

    @Test
    void aFailingRevocationStaysPendingRaisesAnIncidentAfterThreeSweepsAndResolvesWhenItWorks() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        broker.clock.advance(OVERLAP);
        broker.github.revokeFailuresLeft = 3;

        assertThat(broker.revocations.sweep()).extracting(Revocation::outcome).containsExactly(Revocation.Outcome.FAILED);
        broker.revocations.sweep();
        assertThat(broker.events.of(Incident.class)).isEmpty();
        broker.revocations.sweep();
        Incident firing = broker.events.last(Incident.class);
        assertThat(firing.incidentKey()).isEqualTo("revocation-failed/ci-token");
        assertThat(firing.status()).isEqualTo(IncidentStatus.FIRING);

        assertThat(broker.revocations.sweep()).extracting(Revocation::outcome).containsExactly(Revocation.Outcome.REVOKED);
        assertThat(broker.events.last(Incident.class).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(broker.revocations.sweep()).isEmpty();
    }

    @Test
    void aRevocationNamesTheOrganisationsOwningTheCredentialsRepositories() {
        assertThat(Revocations.organisations(List.of("acme/api", "beta/tools", "acme/web", "bare-name")))
                .containsExactly("acme", "beta");
    }

    @Test
    void anExpiredValueCountsAsRevokedWithoutAskingGithub() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        broker.clock.advance(java.time.Duration.ofHours(2));

        assertThat(broker.revocations.sweep()).extracting(Revocation::outcome).containsExactly(Revocation.Outcome.EXPIRED);
        assertThat(broker.github.revoked).isEmpty();
        assertThat(broker.events.last(TokenRevoked.class).reason()).isEqualTo("expired");
    }

    @Test
    void anExposedCurrentValueIsRevokedNowAndTheCredentialMarkedRevokedWithACriticalIncident() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        Secret leaked = broker.github.issued.getFirst();

        assertThat(broker.revocations.exposed(exposure(leaked.sha256()))).isEqualTo(ExposureOutcome.REVOKED);

        assertThat(broker.github.revoked).containsExactly(leaked);
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.REVOKED);
        Incident incident = broker.events.last(Incident.class);
        assertThat(incident.incidentKey()).isEqualTo("credential-exposed/ci-token");
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.links()).containsExactly("https://github.com/acme/api/security/secret-scanning/7");
        int events = broker.events.all.size();
        assertThat(broker.revocations.exposed(exposure(leaked.sha256()))).isEqualTo(ExposureOutcome.ALREADY_REVOKED);
        assertThat(broker.events.all).hasSize(events);

        broker.clock.advance(java.time.Duration.ofMinutes(1));
        broker.due.handle(broker.dueFor(entry, "rot-exposed", 1));
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.HEALTHY);
        assertThat(broker.ledger.current("ci-token")).hasSize(1);
    }

    @Test
    void anExposedValueGithubCannotRevokeNowStaysPendingForTheSweep() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.github.revokeFailuresLeft = 1;

        assertThat(broker.revocations.exposed(exposure(broker.github.issued.getFirst().sha256())))
                .isEqualTo(ExposureOutcome.REVOCATION_PENDING);
        assertThat(broker.events.last(CredentialState.class).status()).isEqualTo(CredentialStatus.REVOKED);
        assertThat(broker.revocations.sweep()).extracting(Revocation::outcome).containsExactly(Revocation.Outcome.REVOKED);
    }

    @Test
    void anUnknownHashIsNotOurs() {
        assertThat(broker.revocations.exposed(exposure(Secret.sha256Hex("someone else's")))).isEqualTo(ExposureOutcome.NOT_OURS);
        assertThat(broker.events.all).isEmpty();
    }

    @Test
    void killSwitchRevokesEveryLiveValueOfARepositoryAndLeavesOthers() {
        broker.due.handle(broker.dueFor(entry, "rot-1", 1));
        broker.due.handle(broker.dueFor(entry, "rot-2", 1));
        InventoryEntry other = new InventoryEntry("docs-token", entry.kind(), "read", "acme", "team-b", List.of("docs"),
                entry.appPool(), "owner@acme.test", null);
        broker.due.handle(broker.dueFor(other, "rot-3", 1));

        List<Revocation> results = broker.revocations.revokeMatching(e -> e.repositories().contains("api"), "kill-switch");

        assertThat(results).extracting(Revocation::credentialId).containsExactly("ci-token", "ci-token");
        assertThat(results).extracting(Revocation::outcome).containsOnly(Revocation.Outcome.REVOKED);
        assertThat(broker.ledger.current("ci-token")).isEmpty();
        assertThat(broker.ledger.current("docs-token")).hasSize(1);
        assertThat(broker.states.get("ci-token").orElseThrow().status()).isEqualTo(CredentialStatus.REVOKED);
        assertThat(broker.states.get("docs-token").orElseThrow().status()).isEqualTo(CredentialStatus.HEALTHY);
    }

    private CredentialExposed exposure(String hash) {
        return new CredentialExposed(hash, ExposureSource.SECRET_SCANNING, "acme/api",
                "https://github.com/acme/api/security/secret-scanning/7", "github_app_installation_access_token", broker.clock.instant());
    }
}
