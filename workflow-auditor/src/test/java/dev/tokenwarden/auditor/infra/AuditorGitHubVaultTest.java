package dev.tokenwarden.auditor.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.auditor.domain.cache.BlobCache;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import dev.tokenwarden.platform.vault.VaultSession;
import dev.tokenwarden.platform.vault.VaultSettings;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The auditor reads GitHub with the {@code auditor} token the broker keeps in Vault, not the configured literal,
 * and after the broker replaced it and GitHub refuses the old one (401) carries on with the new version.
 */
class AuditorGitHubVaultTest {
    private static final String PATH = "github/auditor/workflow-auditor/cred-1";

    private final ManualClock githubClock = new ManualClock(Instant.parse("2026-11-22T18:00:00Z"));
    private final GitHubSimulator github = GitHubSimulator.start(githubClock);
    private final VaultEndpoint vault = SharedVaults.inMemoryEndpoint();
    private final String mount = "tw" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void readsWithTheVaultTokenAndPicksUpItsReplacementAfterA401() {
        github.addRepository("acme", "app").putFile(".github/workflows/ci.yml", "on: push\n");
        String first = github.registerClassicPat("auditor-bot", List.of("repo"), githubClock.instant().plus(Duration.ofHours(1)));
        VaultHttp http = new VaultHttp(vault.address());
        http.mountKvV2(mount, vault.rootToken());
        store(http, first);
        String unknownLiteral = "ghp_" + "x".repeat(36);
        AuditorGitHub auditor = new AuditorGitHub(client(), new InternalGitHubToken(Optional.of(PATH), Optional.of(unknownLiteral),
                reader(), Clock.systemUTC()), new BlobCache(0));

        assertThat(auditor.configured()).isTrue();
        assertThat(auditor.files("acme", "app", "main", List.of(".github/workflows/ci.yml"))).hasSize(1);

        String second = github.registerClassicPat("auditor-bot", List.of("repo"), null);
        store(http, second);
        githubClock.advance(Duration.ofHours(2));
        assertThat(github.isValid(first)).isFalse();

        assertThat(auditor.files("acme", "app", "main", List.of(".github/workflows/ci.yml"))).hasSize(1);
    }

    @Test
    void aCredentialMissingFromVaultIsReportedAsUnavailableNamingThePath() {
        new VaultHttp(vault.address()).mountKvV2(mount, vault.rootToken());
        AuditorGitHub auditor = new AuditorGitHub(client(), new InternalGitHubToken(Optional.of(PATH), Optional.empty(),
                reader(), Clock.systemUTC()), new BlobCache(0));

        assertThatThrownBy(auditor::actionsAdvisories).isInstanceOf(IllegalStateException.class).hasMessageContaining(PATH);
    }

    /** As the broker writes it; an expiry far off, so only GitHub's 401 makes the auditor read again. */
    private void store(VaultHttp http, String token) {
        assertThat(http.call("POST", mount + "/data/" + PATH, vault.rootToken(),
                Map.of("data", Map.of("token", token, "expires_at", "2099-01-01T00:00:00Z"))).status()).isEqualTo(200);
    }

    private KvSecretReader reader() {
        return new KvSecretReader(new VaultSession(VaultSettings.of(Map.of("tokenwarden.vault.address", vault.address(),
                "tokenwarden.vault.mount", mount, "tokenwarden.vault.auth.token", vault.rootToken())), Clock.systemUTC()));
    }

    private GitHubClient client() {
        return GitHubClient.create(GitHubSettings.defaults(URI.create(github.baseUrl())), githubClock, RateLimitListener.NONE);
    }
}
