package dev.tokenwarden.notifier.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.notifier.domain.IncidentView;
import dev.tokenwarden.notifier.domain.NotificationView;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import dev.tokenwarden.platform.vault.VaultSession;
import dev.tokenwarden.platform.vault.VaultSettings;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issues are written with the {@code notifier} token the broker keeps in Vault, not the configured literal; after
 * the broker replaced it and GitHub refuses the old one (401), the same delivery goes through with the new version.
 */
class IssueCredentialVaultTest {
    private static final String PATH = "github/notifier/notifier/cred-1";

    private final ManualClock githubClock = new ManualClock(Instant.parse("2026-11-22T18:00:00Z"));
    private final GitHubSimulator github = GitHubSimulator.start(githubClock);
    private final VaultEndpoint vault = SharedVaults.inMemoryEndpoint();
    private final String mount = "tw" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void writesIssuesWithTheVaultTokenAndPicksUpItsReplacementAfterA401() {
        SimulatedRepository issues = github.addRepository("acme", "security-issues");
        String first = github.registerClassicPat("notifier-bot", List.of("repo"), githubClock.instant().plus(Duration.ofHours(1)));
        VaultHttp http = new VaultHttp(vault.address());
        http.mountKvV2(mount, vault.rootToken());
        store(http, first);
        IssueCredential credential = new IssueCredential(new InternalGitHubToken(Optional.of(PATH),
                Optional.of("ghp_" + "x".repeat(36)), new KvSecretReader(new VaultSession(VaultSettings.of(Map.of("tokenwarden.vault.address", vault.address(),
                        "tokenwarden.vault.mount", mount, "tokenwarden.vault.auth.token", vault.rootToken())), Clock.systemUTC())),
                Clock.systemUTC()));
        GitHubIssueReceiver receiver = new GitHubIssueReceiver("issues", "acme/security-issues",
                GitHubClient.create(GitHubSettings.defaults(URI.create(github.baseUrl())), githubClock, RateLimitListener.NONE),
                credential, githubClock, UnaryOperator.identity());

        assertThat(receiver.deliver(notification("d-1", "incident-1")).delivered()).isTrue();
        assertThat(issues.issues()).hasSize(1);

        store(http, github.registerClassicPat("notifier-bot", List.of("repo"), null));
        githubClock.advance(Duration.ofHours(2));
        assertThat(github.isValid(first)).isFalse();

        assertThat(receiver.deliver(notification("d-2", "incident-2")).delivered()).isTrue();
        assertThat(issues.issues()).hasSize(2);
    }

    /** As the broker writes it; an expiry far off, so only GitHub's 401 makes the notifier read again. */
    private void store(VaultHttp http, String token) {
        assertThat(http.call("POST", mount + "/data/" + PATH, vault.rootToken(),
                Map.of("data", Map.of("token", token, "expires_at", "2099-01-01T00:00:00Z"))).status()).isEqualTo(200);
    }

    private static NotificationView notification(String deliveryId, String incidentKey) {
        IncidentView incident = new IncidentView(incidentKey, "firing", "credential.leaked", "high", "A token leaked",
                "found in a public gist", Map.of(), "2026-11-22T17:00:00Z", "2026-11-22T17:00:00Z", List.of());
        return new NotificationView(deliveryId, "route-1", "issues", 1, Map.of(), List.of(incident), List.of());
    }
}
