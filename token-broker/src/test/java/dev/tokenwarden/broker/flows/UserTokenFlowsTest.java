package dev.tokenwarden.broker.flows;

import static dev.tokenwarden.broker.flows.BrokerSetup.authorise;
import static dev.tokenwarden.broker.flows.BrokerSetup.due;
import static dev.tokenwarden.broker.flows.BrokerSetup.userTokenEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.RefreshGrant;
import dev.tokenwarden.broker.domain.RefreshGrants;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.broker.infra.vault.ConfiguredVault;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.vault.DevModeVaultServer;
import dev.tokenwarden.sandbox.vault.VaultAssumptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@code app-user-token} rotations through the real Kafka broker, OpenBao and the simulator's OAuth token endpoint:
 * the single-use refresh token is used once per rotation, its answer kept before anything else, and a refresh token
 * that is refused or may be spent asks for the user's authorisation again instead of being presented twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class UserTokenFlowsTest extends FlowTest {
    private static final String OAUTH = "/login/oauth/access_token";

    @Inject
    RefreshGrants grants;

    @Test
    void aRefreshRenewsBothTokensTheOldOnesStopWorkingAndARedeliveryDoesNotRefreshAgain() {
        InventoryEntry entry = userTokenEntry();
        GitHubSimulator.UserTokens authorised = authorise(entry, "octo-user", github);
        long refreshesBefore = refreshes();

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-u1", RotationReason.SCHEDULED, 1));

        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-u1"));
        StoredSecret consumed = store.current(CredentialTarget.of(entry).vaultPath()).orElseThrow();
        RefreshGrants.Versioned grant = grants.grant(entry.id()).orElseThrow();
        assertThat(rotated.valueHash()).isEqualTo(consumed.data().token().sha256());
        assertThat(consumed.data().token()).isEqualTo(grant.grant().accessToken());
        assertThat(consumed.data().token().reveal()).startsWith("ghu_").isNotEqualTo(authorised.accessToken());
        assertThat(grant.grant().state()).isEqualTo(RefreshGrant.State.READY);
        assertThat(grant.grant().rotationId()).isEqualTo("rot-u1");
        assertThat(grant.version()).as("authorised, refreshing, ready").isEqualTo(3);
        assertThat(github.isValid(consumed.data().token().reveal())).isTrue();
        assertThat(github.isRefreshTokenValid(grant.grant().refreshToken().reveal())).isTrue();
        assertThat(github.isRefreshTokenValid(authorised.refreshToken())).as("the used refresh token").isFalse();
        assertThat(github.isValid(authorised.accessToken())).as("the access token it replaced").isFalse();
        assertThat(grantMetadata(entry)).contains("refresh_expires_at", "access_expires_at");
        assertThat(kafka.awaitEvent(EventType.INCIDENT, "user-token-reauthorise/" + entry.id(), Incident.class, i -> true).status())
                .as("an authorisation that renews resolves any call for one").isEqualTo(IncidentStatus.RESOLVED);

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-u1", RotationReason.SCHEDULED, 1));
        kafka.awaitConsumed("token-broker", "tokenwarden.rotation.due");

        assertThat(refreshes() - refreshesBefore).as("refreshes at GitHub").isEqualTo(1);
        assertThat(grants.grant(entry.id()).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aRefreshTokenGitHubRefusesAsksForReauthorisationAndIsLeftAsItWas() {
        InventoryEntry entry = userTokenEntry();
        GitHubSimulator.UserTokens authorised = authorise(entry, "octo-user", github);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-u2", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-u2"));
        // The refresh token the rotation above used up, put for another credential as if an operator restored an old copy.
        InventoryEntry reused = userTokenEntry();
        BrokerSetup.putGrant(reused, authorised.refreshToken(), authorised.accessToken());

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, reused.id(), due(reused, "rot-u3", RotationReason.SCHEDULED, 1));

        Incident incident = kafka.awaitEvent(EventType.INCIDENT, "user-token-reauthorise/" + reused.id(), Incident.class, i -> true);
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIRING);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.summary()).contains("bad_refresh_token", CredentialTarget.refreshGrantPath(reused.id()));
        RotationFailed failed = kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, reused.id(), RotationFailed.class, f -> true);
        assertThat(failed.retryable()).isFalse();
        assertThat(grants.grant(reused.id()).orElseThrow().grant().state()).as("not left marked as refreshing")
                .isEqualTo(RefreshGrant.State.AUTHORISED);
        assertThat(store.current(CredentialTarget.of(reused).vaultPath())).as("nothing for consumers").isEmpty();
        assertThat(github.isRefreshTokenValid(grants.grant(entry.id()).orElseThrow().grant().refreshToken().reveal()))
                .as("the renewed grant is untouched").isTrue();
    }

    /**
     * Vault sealed right after GitHub answered: the answer cannot be stored and the refresh token is spent. The rotation
     * fails, asks for re-authorisation, and the redelivered order finds the grant still marked as refreshing and does
     * not present the token again.
     */
    @Test
    void anAnswerThatCannotBeStoredIsDetectedAndTheRedeliveryDoesNotRefreshTwice() {
        DevModeVaultServer openBao = VaultAssumptions.openBaoServer();
        InventoryEntry entry = userTokenEntry();
        authorise(entry, "octo-user", github);
        long refreshesBefore = refreshes();
        github.onNextSuccess("POST", OAUTH, openBao::seal);
        try {
            kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-u4", RotationReason.SCHEDULED, 1));

            kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, entry.id(), RotationFailed.class, f -> f.rotationId().equals("rot-u4"));
        } finally {
            openBao.unseal();
        }
        Incident incident = kafka.awaitEvent(EventType.INCIDENT, "user-token-reauthorise/" + entry.id(), Incident.class, i -> true);
        assertThat(incident.status()).isEqualTo(IncidentStatus.FIRING);
        assertThat(incident.summary()).contains("storing them at " + CredentialTarget.refreshGrantPath(entry.id()));
        assertThat(grants.grant(entry.id()).orElseThrow().grant().state()).isEqualTo(RefreshGrant.State.REFRESHING);

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-u4", RotationReason.RETRY, 2));

        kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, entry.id(), RotationFailed.class, f -> f.attempt() == 2);
        assertThat(refreshes() - refreshesBefore).as("refreshes at GitHub").isEqualTo(1);
        assertThat(kafka.events(EventType.INCIDENT, "user-token-reauthorise/" + entry.id(), Incident.class))
                .last().satisfies(last -> assertThat(last.summary()).contains("did not store GitHub's answer"));
    }

    private long refreshes() {
        return github.requests().stream().filter(r -> r.path().equals(OAUTH) && r.status() == 200).count();
    }

    private static String grantMetadata(InventoryEntry entry) {
        return ConfiguredVault.http().call("GET", ConfiguredVault.mount() + "/metadata/" + CredentialTarget.refreshGrantPath(entry.id()),
                ConfiguredVault.rootToken(), null).body().path("data").path("custom_metadata").toString();
    }
}
