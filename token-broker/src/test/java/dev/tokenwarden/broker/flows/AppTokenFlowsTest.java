package dev.tokenwarden.broker.flows;

import static dev.tokenwarden.broker.flows.BrokerSetup.appEntry;
import static dev.tokenwarden.broker.flows.BrokerSetup.due;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.broker.domain.CredentialMinter;
import dev.tokenwarden.broker.domain.MintedCredential;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.infra.vault.ConfiguredVault;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.ExposureSource;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationStep;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.vault.DevModeVaultServer;
import dev.tokenwarden.sandbox.vault.VaultAssumptions;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * App-installation rotations end to end: {@code rotation.due} in through the real Kafka broker, the real
 * Vault adapter against the sandbox's Vault, the real GitHub client against the simulator, and the
 * broker's events read back from Kafka.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AppTokenFlowsTest extends FlowTest {
    private static final String GROUP = "token-broker";
    private static final String ACCESS_TOKENS = "/access_tokens";

    @Inject
    CredentialMinter minter;

    @Test
    void aDueTokenIsMintedNarrowedStoredProvenAndAnnounced() {
        InventoryEntry entry = appEntry("workflow", false);

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-1", RotationReason.SCHEDULED, 1));

        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-1"));
        StoredSecret stored = store.current(path(entry)).orElseThrow();
        assertThat(rotated.vaultPath()).isEqualTo("github/workflow/team-a/" + entry.id());
        assertThat(rotated.vaultVersion()).isEqualTo(stored.version());
        assertThat(rotated.valueHash()).isEqualTo(stored.data().token().sha256());
        assertThat(stored.data().rotationId()).isEqualTo("rot-1");
        assertThat(stored.data().permissions()).isEqualTo(Map.of("contents", "read", "metadata", "read", "actions", "write"));
        assertThat(github.isValid(stored.data().token().reveal())).isTrue();
        assertThat(kafka.awaitEvent(EventType.CREDENTIAL_STATE, entry.id(), CredentialState.class, s -> "rot-1".equals(s.lastRotationId())).status())
                .isEqualTo(CredentialStatus.HEALTHY);
        assertThat(kafka.awaitEvent(EventType.LEDGER_ENTRY, rotated.valueHash(), LedgerEntry.class, e -> true).credentialId()).isEqualTo(entry.id());
        JsonNode metadata = ConfiguredVault.http().call("GET", ConfiguredVault.mount() + "/metadata/" + path(entry),
                ConfiguredVault.rootToken(), null).body().path("data").path("custom_metadata");
        assertThat(EventJson.mapper().convertValue(metadata, Map.class)).isEqualTo(Map.of("credential_id", entry.id(), "tier", "workflow",
                "kind", "app-installation", "consumer", "team-a", "owner", "owner@acme.test", "rotation_id", "rot-1",
                "expires_at", stored.data().expiresAt().toString()));
    }

    @Test
    void anInternalTierIsMintedIntoItsOwnPathWithItsOwnPermissions() {
        InventoryEntry fixer = new InventoryEntry("fixer-" + System.nanoTime(), CredentialKind.APP_INSTALLATION, "fixer", Sandbox.ORG,
                "workflow-auditor", List.of("acme/web"), appEntry("read", false).appPool(), "platform@acme.test", null);

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, fixer.id(), due(fixer, "rot-fixer", RotationReason.SCHEDULED, 1));

        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, fixer.id(), TokenRotated.class, r -> true);
        assertThat(rotated.vaultPath()).isEqualTo("github/fixer/workflow-auditor/" + fixer.id());
        assertThat(store.current(path(fixer)).orElseThrow().data().permissions())
                .isEqualTo(Map.of("contents", "write", "pull_requests", "write", "workflows", "write"));
    }

    @Test
    void aDuplicateDueDoesNothing() {
        InventoryEntry entry = appEntry("read", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-dup", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
        long mints = mints();

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-dup", RotationReason.SCHEDULED, 1));
        kafka.awaitConsumed(GROUP, EventType.ROTATION_DUE.topic());

        assertThat(mints()).isEqualTo(mints);
        assertThat(kafka.events(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class)).hasSize(1);
        assertThat(store.current(path(entry)).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void theSupersededTokenStaysValidThroughTheOverlapAndIsRevokedAfter() {
        InventoryEntry entry = appEntry("read", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-a", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-a"));
        String first = store.current(path(entry)).orElseThrow().data().token().reveal();
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-b", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-b"));
        assertThat(github.isValid(first)).as("valid through the overlap").isTrue();

        Sandbox.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        TokenRevoked revoked = kafka.awaitEvent(EventType.TOKEN_REVOKED, entry.id(), TokenRevoked.class, r -> true);
        assertThat(revoked.valueHash()).isEqualTo(Secret.sha256Hex(first));
        assertThat(github.isRevoked(first)).isTrue();
        assertThat(github.isValid(store.current(path(entry)).orElseThrow().data().token().reveal())).isTrue();
    }

    @Test
    void aCrashAfterStoreResumesOnRedeliveryWithoutASecondMint() {
        InventoryEntry entry = appEntry("read", false);
        MintedCredential minted = minter.mint(new AppInstallation(Sandbox.APP_ID, Sandbox.INSTALLATION_ID),
                Map.of("contents", "read", "metadata", "read", "statuses", "read"), entry.repositories());
        store.write(path(entry), new SecretData(minted.value(), minted.expiresAt(), entry.kind(), minted.permissions(),
                entry.repositories(), "rot-crash"), 0);
        long mints = mints();

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-crash", RotationReason.SCHEDULED, 1));

        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
        assertThat(rotated.rotationId()).isEqualTo("rot-crash");
        assertThat(rotated.valueHash()).isEqualTo(minted.value().sha256());
        assertThat(mints()).isEqualTo(mints);
        assertThat(store.current(path(entry)).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void vaultSealedRightAfterTheMintIsRetriedWithBackoffAndTheSameMintIsStoredOnceItUnseals() {
        DevModeVaultServer openBao = VaultAssumptions.openBaoServer();
        InventoryEntry entry = appEntry("read", false);
        String write = "write of " + ConfiguredVault.mount() + "/" + path(entry) + " at version 0";
        github.clearRequests();
        github.onNextSuccess("POST", ACCESS_TOKENS, openBao::seal);
        CompletableFuture<Void> unsealAfterTheFirstRefusal = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> brokerLog().contains("Vault answered HTTP 503 to " + write));
            openBao.unseal();
        });
        try {
            kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-unsealed", RotationReason.SCHEDULED, 1));

            TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
            assertThat(rotated.valueHash()).isEqualTo(Secret.sha256Hex(mintedValues().getFirst()));
        } finally {
            unsealAfterTheFirstRefusal.join();
            openBao.unseal();
        }
        assertThat(mintedValues()).hasSize(1);
        assertThat(kafka.events(EventType.TOKEN_ROTATION_FAILED, entry.id(), RotationFailed.class)).isEmpty();
        assertThat(store.current(path(entry)).orElseThrow().version()).isEqualTo(1);
    }

    /**
     * Sealed beyond the store's retries: the rotation fails cleanly and the fresh mint is revoked at once,
     * since no Vault version records it and nobody could ever use or revoke it later (it would otherwise
     * live its hour as an orphan). The previous value stays current and valid; the retry resolves the incident.
     */
    @Test
    void vaultSealedThroughTheStoreFailsTheRotationKeepsTheOldValueAndRevokesTheFreshMint() {
        DevModeVaultServer openBao = VaultAssumptions.openBaoServer();
        InventoryEntry entry = appEntry("read", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-s1", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-s1"));
        String old = store.current(path(entry)).orElseThrow().data().token().reveal();
        github.clearRequests();
        github.onNextSuccess("POST", ACCESS_TOKENS, openBao::seal);
        try {
            kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-s2", RotationReason.SCHEDULED, 1));

            RotationFailed failed = kafka.awaitEvent(EventType.TOKEN_ROTATION_FAILED, entry.id(), RotationFailed.class, f -> true);
            assertThat(failed.step()).isEqualTo(RotationStep.STORE);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("503", "sealed");
        } finally {
            openBao.unseal();
        }
        assertThat(kafka.awaitEvent(EventType.INCIDENT, "rotation-failed/" + entry.id(), Incident.class, i -> true).status())
                .isEqualTo(IncidentStatus.FIRING);
        kafka.awaitEvent(EventType.CREDENTIAL_STATE, entry.id(), CredentialState.class, s -> s.status() == CredentialStatus.FAILED);
        StoredSecret current = store.current(path(entry)).orElseThrow();
        assertThat(current.version()).isEqualTo(1);
        assertThat(current.data().rotationId()).isEqualTo("rot-s1");
        assertThat(github.isValid(old)).isTrue();
        assertThat(github.isRevoked(mintedValues().getFirst())).as("the unstored mint").isTrue();

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-s2", RotationReason.RETRY, 2));

        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-s2"));
        kafka.awaitEvent(EventType.INCIDENT, "rotation-failed/" + entry.id(), Incident.class, i -> i.status() == IncidentStatus.RESOLVED);
    }

    @Test
    void aConsumersPolicyReadsItsOwnTierAndIsDeniedAnotherTiersPath() throws IOException {
        VaultAssumptions.openBao();
        InventoryEntry own = appEntry("read", false);
        InventoryEntry otherTier = appEntry("deployment", false);
        for (InventoryEntry entry : List.of(own, otherTier)) {
            kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-policy", RotationReason.SCHEDULED, 1));
        }
        TokenRotated ownRotation = kafka.awaitEvent(EventType.TOKEN_ROTATED, own.id(), TokenRotated.class, r -> true);
        kafka.awaitEvent(EventType.TOKEN_ROTATED, otherTier.id(), TokenRotated.class, r -> true);
        String policy = Files.readString(Path.of("../deploy/vault/policies/consumer.hcl")).replace("{{mount}}", ConfiguredVault.mount())
                .replace("{{tier}}", own.tier()).replace("{{consumer}}", own.consumer());
        VaultHttp vault = ConfiguredVault.http();
        vault.call("PUT", "sys/policies/acl/tokenwarden-consumer-read-team-a", ConfiguredVault.rootToken(), Map.of("policy", policy));
        String consumer = vault.call("POST", "auth/token/create", ConfiguredVault.rootToken(),
                Map.of("policies", List.of("tokenwarden-consumer-read-team-a"), "ttl", "10m")).body().path("auth").path("client_token").asText();

        VaultHttp.Reply mine = vault.call("GET", ConfiguredVault.mount() + "/data/" + path(own), consumer, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(Secret.sha256Hex(mine.body().path("data").path("data").path("token").asText())).isEqualTo(ownRotation.valueHash());
        assertThat(vault.call("GET", ConfiguredVault.mount() + "/data/" + path(otherTier), consumer, null).status()).isEqualTo(403);
        assertThat(vault.call("LIST", ConfiguredVault.mount() + "/metadata/github/read/team-a", consumer, null).status()).isEqualTo(403);
    }

    @Test
    void githubServerErrorsAreRetriedAndASecondaryLimitIsWaitedOut() {
        InventoryEntry entry = appEntry("read", false);
        github.clearRequests();
        github.failNext(2, 502);
        github.secondaryLimitNext(1, 1);

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-flaky", RotationReason.SCHEDULED, 1));

        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
        List<Integer> statuses = github.requests().stream().filter(e -> e.path().endsWith("/access_tokens"))
                .map(RecordedExchange::status).toList();
        assertThat(statuses).containsSubsequence(502, 502, 403, 201);
    }

    @Test
    void aRevocationGithubRefusesIsRetriedByTheNextSweep() {
        InventoryEntry entry = appEntry("read", false);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-r1", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-r1"));
        String first = store.current(path(entry)).orElseThrow().data().token().reveal();
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-r2", RotationReason.SCHEDULED, 1));
        kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> r.rotationId().equals("rot-r2"));
        github.clearRequests();
        github.failNext(4, 503);

        Sandbox.clock().advance(Duration.ofMinutes(10).plusSeconds(1));

        kafka.awaitEvent(EventType.TOKEN_REVOKED, entry.id(), TokenRevoked.class, r -> true);
        assertThat(github.isRevoked(first)).isTrue();
        assertThat(github.requests().stream().filter(e -> e.method().equals("DELETE")).map(RecordedExchange::status).toList())
                .contains(503).endsWith(204);
    }

    @Test
    void anExposedTokenIsRevokedAtOnceAndReplacedByTheExposedRotation() {
        InventoryEntry entry = appEntry("workflow", true);
        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-x1", RotationReason.SCHEDULED, 1));
        TokenRotated rotated = kafka.awaitEvent(EventType.TOKEN_ROTATED, entry.id(), TokenRotated.class, r -> true);
        String leaked = store.current(path(entry)).orElseThrow().data().token().reveal();
        assertThat(store.current(path(entry)).orElseThrow().data().permissions()).containsEntry("workflows", "write");

        kafka.produce(Service.WORKFLOW_AUDITOR, EventType.CREDENTIAL_EXPOSED, rotated.valueHash(), new CredentialExposed(rotated.valueHash(),
                ExposureSource.SECRET_SCANNING, "acme/api", "https://github.com/acme/api/security/secret-scanning/1",
                "github_app_installation_access_token", Sandbox.clock().instant()));

        kafka.awaitEvent(EventType.CREDENTIAL_STATE, entry.id(), CredentialState.class, s -> s.status() == CredentialStatus.REVOKED);
        Incident incident = kafka.awaitEvent(EventType.INCIDENT, "credential-exposed/" + entry.id(), Incident.class, i -> true);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(github.isRevoked(leaked)).isTrue();

        kafka.produce(Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, entry.id(), due(entry, "rot-x2", RotationReason.EXPOSED, 1));
        kafka.awaitEvent(EventType.CREDENTIAL_STATE, entry.id(), CredentialState.class,
                s -> s.status() == CredentialStatus.HEALTHY && "rot-x2".equals(s.lastRotationId()));
        await().untilAsserted(() -> assertThat(github.isValid(store.current(path(entry)).orElseThrow().data().token().reveal())).isTrue());
    }

    private long mints() {
        return github.requests().stream().filter(e -> e.path().endsWith(ACCESS_TOKENS) && e.status() == 201).count();
    }

    /** The values minted since the requests were last cleared, oldest first. */
    private List<String> mintedValues() {
        return github.requests().stream().filter(e -> e.path().endsWith(ACCESS_TOKENS) && e.status() == 201)
                .map(e -> EventJson.read(e.responseBody(), JsonNode.class).path("token").asText()).toList();
    }

    private static String brokerLog() throws IOException {
        return Files.readString(Path.of("target/token-broker-test.log"));
    }

    private static String path(InventoryEntry entry) {
        return CredentialTarget.vaultPath(entry.tier(), entry.consumer(), entry.id());
    }
}
