package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.sandbox.github.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.platform.vault.VaultAccessException;
import dev.tokenwarden.platform.vault.VaultSession;
import dev.tokenwarden.sandbox.vault.InMemoryVaultServer;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The adapter against the in-memory dev server, plus what only it can stage: a seal, and a clock both sides share. */
class InMemorySecretStoreTest extends VaultSecretStoreContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.inMemoryEndpoint();
    }

    @Test
    void aSealedVaultIsRetriedWithExponentialBackoffUntilItUnseals_devServerOnly() {
        InMemoryVaultServer server = SharedVaults.inMemory();
        List<Duration> waits = new ArrayList<>();
        VaultSecretStore store = new VaultSecretStore(new VaultSession(settings(Map.of()), Clock.systemUTC()), wait -> {
            waits.add(wait);
            if (waits.size() == 2) {
                server.seal(false);
            }
        });
        String path = CredentialTarget.vaultPath("read", "team-a", "cred-1");
        server.seal(true);
        try {
            assertThat(store.write(path, credential(githubToken(), "rot-1"), 0)).isEqualTo(1L);
        } finally {
            server.seal(false);
        }
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void aVaultSealedBeyondTheRetriesIsUnavailableAndRetryable_devServerOnly() {
        InMemoryVaultServer server = SharedVaults.inMemory();
        List<Duration> waits = new ArrayList<>();
        VaultSecretStore store = new VaultSecretStore(new VaultSession(settings(Map.of(
                "tokenwarden.vault.retry.max-backoff", "30ms")), Clock.systemUTC()), waits::add);
        String value = githubToken();
        server.seal(true);
        try {
            assertThatThrownBy(() -> store.write(CredentialTarget.vaultPath("read", "team-a", "cred-1"), credential(value, "rot-1"), 0))
                    .isInstanceOf(BrokerFailure.class).cause().isInstanceOfSatisfying(VaultAccessException.class, e -> {
                        assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.UNAVAILABLE);
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("4 attempts", "sealed").doesNotContain(value);
                    });
            assertThat(new VaultReadiness(new VaultSession(settings(Map.of()), Clock.systemUTC())).call().getStatus())
                    .isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            server.seal(false);
        }
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30));
    }

    @Test
    void aTokenIsRenewedOnTheSharedClockBeforeItExpiresAndStillWorks_devServerOnly() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
        try (InMemoryVaultServer server = InMemoryVaultServer.start(0, clock)) {
            VaultEndpoint own = new VaultEndpoint("clocked dev server", server.address(), server.rootToken());
            VaultHttp ownHttp = new VaultHttp(own.address());
            ownHttp.call("POST", "sys/mounts/" + mount, own.rootToken(), Map.of("type", "kv", "options", Map.of("version", "2")));
            ownHttp.call("PUT", "sys/policies/acl/broker", own.rootToken(),
                    Map.of("policy", "path \"" + mount + "/*\" { capabilities = [\"create\", \"read\", \"update\"] }\n"));
            String token = ownHttp.call("POST", "auth/token/create", own.rootToken(), Map.of("policies", List.of("broker"), "ttl", "1h"))
                    .body().path("auth").path("client_token").asText();
            VaultSession session = new VaultSession(settings(Map.of("tokenwarden.vault.address", own.address(),
                    "tokenwarden.vault.auth.token", token)), clock);
            VaultSecretStore store = new VaultSecretStore(session);

            session.renewIfDue();
            assertThat(session.expiresAt()).contains(clock.instant().plusSeconds(3600));
            clock.advance(Duration.of(45, ChronoUnit.MINUTES));
            session.renewIfDue();
            assertThat(session.expiresAt()).contains(clock.instant().plusSeconds(3600));
            clock.advance(Duration.of(59, ChronoUnit.MINUTES));

            assertThat(store.write(CredentialTarget.vaultPath("read", "team-a", "cred-1"), credential(githubToken(), "rot-1"), 0))
                    .isEqualTo(1L);
        }
    }
}
