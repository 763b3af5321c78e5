package dev.tokenwarden.platform.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KV v2 reader and the internal GitHub token on top of it against every Vault-API server the machine offers
 * (a subclass names one): current version, absent secret, policy denial, caching, re-reading near expiry and
 * after GitHub refused the token. Each test gets its own mount.
 */
abstract class KvSecretReaderContract {
    private static final String PATH = "github/auditor/workflow-auditor/cred-1";

    private VaultEndpoint endpoint;
    private VaultHttp http;
    private String mount;

    protected abstract VaultEndpoint endpoint();

    @BeforeEach
    void freshMount() {
        endpoint = endpoint();
        http = new VaultHttp(endpoint.address());
        mount = "tw" + UUID.randomUUID().toString().substring(0, 8);
        http.mountKvV2(mount, endpoint.rootToken());
    }

    /** Settings for {@code endpoint}'s root token, or {@code token} where given. */
    static VaultSettings settings(VaultEndpoint endpoint, String mount, String token) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "tokenwarden.vault.address", endpoint.address(),
                "tokenwarden.vault.mount", mount,
                "tokenwarden.vault.auth.token", token,
                "tokenwarden.vault.retry.initial-backoff", "10ms"));
        return VaultSettings.of(properties);
    }

    private KvSecretReader reader(String token) {
        return new KvSecretReader(new VaultSession(settings(endpoint, mount, token), Clock.systemUTC()));
    }

    private void write(String token, String expiresAt) {
        assertThat(http.call("POST", mount + "/data/" + PATH, endpoint.rootToken(),
                Map.of("data", Map.of("token", token, "expires_at", expiresAt, "rotation_id", "rot-" + token.length())))
                .status()).isEqualTo(200);
    }

    static String githubToken() {
        return "ghs_" + UUID.randomUUID().toString().replace("-", "") + "x".repeat(4);
    }

    @Test
    void readsTheCurrentVersionWithItsFields() {
        String first = githubToken();
        String second = githubToken();
        write(first, "2026-12-01T10:00:00Z");
        write(second, "2026-12-01T11:00:00Z");

        KvSecret secret = reader(endpoint.rootToken()).current(PATH).orElseThrow();

        assertThat(secret.version()).isEqualTo(2);
        assertThat(secret.data()).containsEntry("token", second).containsEntry("expires_at", "2026-12-01T11:00:00Z");
        assertThat(secret.toString()).doesNotContain(second);
    }

    @Test
    void anAbsentSecretIsEmpty() {
        assertThat(reader(endpoint.rootToken()).current("github/auditor/nobody/none")).isEmpty();
    }

    @Test
    void aDeniedReadIsAPolicyProblemNamingThePath() {
        String value = githubToken();
        write(value, "2026-12-01T10:00:00Z");
        assertThat(http.call("PUT", "sys/policies/acl/other-" + mount, endpoint.rootToken(),
                Map.of("policy", "path \"" + mount + "/data/github/notifier/*\" { capabilities = [\"read\"] }")).status())
                .isLessThan(300);
        String otherService = http.call("POST", "auth/token/create", endpoint.rootToken(),
                Map.of("policies", List.of("other-" + mount), "ttl", "1h")).body().path("auth").path("client_token").asText();

        assertThatThrownBy(() -> reader(otherService).current(PATH)).isInstanceOfSatisfying(VaultAccessException.class, e -> {
            assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.POLICY_DENIED);
            assertThat(e.getMessage()).contains(mount + "/" + PATH).doesNotContain(value);
        });
    }

    @Test
    void theInternalTokenIsCachedAndReadAgainNearItsExpiryOrAfterARejection() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
        String first = githubToken();
        write(first, "2026-12-01T10:00:00Z");
        InternalGitHubToken token = new InternalGitHubToken(Optional.of(PATH), Optional.empty(), reader(endpoint.rootToken()), clock);
        assertThat(token.current()).contains(first);

        String second = githubToken();
        write(second, "2026-12-01T11:00:00Z");
        assertThat(token.current()).as("cached until near expiry").contains(first);
        clock.set(Instant.parse("2026-12-01T09:56:00Z"));
        assertThat(token.current()).as("read again within five minutes of expiry").contains(second);

        String third = githubToken();
        write(third, "2026-12-01T12:00:00Z");
        assertThat(token.renewAfterRejection()).isTrue();
        assertThat(token.current()).contains(third);
        assertThat(token.renewAfterRejection()).as("no newer version to try").isFalse();
    }

    @Test
    void withoutAVaultPathTheConfiguredLiteralIsUsed() {
        String literal = githubToken();
        InternalGitHubToken token = new InternalGitHubToken(Optional.empty(), Optional.of(literal), null, Clock.systemUTC());
        assertThat(token.configured()).isTrue();
        assertThat(token.current()).contains(literal);
        assertThat(token.renewAfterRejection()).isFalse();
        assertThat(new InternalGitHubToken(Optional.empty(), Optional.of(" "), null, Clock.systemUTC()).configured()).isFalse();
    }

    @Test
    void aMissingSecretFailsWithoutAValue() {
        InternalGitHubToken token = new InternalGitHubToken(Optional.of("github/auditor/nobody/none"), Optional.empty(),
                reader(endpoint.rootToken()), Clock.systemUTC());
        assertThatThrownBy(token::current).isInstanceOfSatisfying(VaultAccessException.class,
                e -> assertThat(e.getMessage()).contains("github/auditor/nobody/none"));
    }
}
