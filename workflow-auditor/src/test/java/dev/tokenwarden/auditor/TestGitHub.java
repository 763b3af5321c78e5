package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.platform.github.GitHubApp;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.InstallationTokenRequest;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.github.RateLimitPublisher;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The GitHub the tests' auditor talks to: the sandbox simulator in the test JVM (on a port it picks itself,
 * hence a producer rather than configuration), and a PAT it issued standing in for the auditor credential for reads
 * across the tests' many organisations. Results written to {@code acme}'s repositories (check runs, which GitHub
 * takes from GitHub Apps only, and SARIF uploads) go with an installation token of an app installed on {@code acme}
 * with the auditor tier's permissions, as the broker would mint it.
 */
@ApplicationScoped
public class TestGitHub {
    /** The organisation the tests' GitHub App is installed on, and the installation, as in the webhook deliveries. */
    public static final String APP_ORG = "acme";
    public static final long INSTALLATION_ID = 7;
    private static final long APP_ID = 4242;
    private static GitHubSimulator simulator;
    private static String token;
    private static String installationToken;

    public static synchronized GitHubSimulator simulator() {
        if (simulator == null) {
            simulator = GitHubSimulator.start(Clock.systemUTC());
            token = simulator.registerClassicPat("auditor-bot", List.of("repo", "security_events"), null);
            SimulatedApp app = simulator.registerApp(APP_ID);
            simulator.addInstallation(APP_ID, INSTALLATION_ID, APP_ORG, List.of(), Map.of("contents", "read", "metadata", "read",
                    "actions", "read", "secret_scanning_alerts", "read", "pull_requests", "read", "checks", "write", "security_events", "write"));
            installationToken = GitHubClient.create(GitHubSettings.defaults(URI.create(simulator.baseUrl())), Clock.systemUTC(), RateLimitListener.NONE)
                    .createInstallationToken(GitHubApp.of(APP_ID, app.clientId(), app.privateKeyPem()), INSTALLATION_ID,
                            new InstallationTokenRequest(Map.of(), List.of()))
                    .value();
        }
        return simulator;
    }

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    GitHubClient simulatedGitHub(GitHubConfig config, Clock clock, RateLimitPublisher rateLimits) {
        GitHubSettings s = config.settings();
        return GitHubClient.create(new GitHubSettings(URI.create(simulator().baseUrl()), s.userAgent(), s.connectTimeout(),
                s.requestTimeout(), s.maxAttempts(), s.initialBackoff(), s.maxBackoff(), s.maxRetryTime(),
                s.maxRateLimitWait(), s.breakerThreshold(), s.breakerOpenFor(), s.maxPages()), clock, rateLimits);
    }

    /** The simulator's PAT in place of the configured auditor token. */
    @Alternative
    @Priority(1)
    @Singleton
    static class SimulatedAuditorGitHub extends AuditorGitHub {
        SimulatedAuditorGitHub(GitHubClient client, InternalGitHubToken token) {
            super(client, token);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        protected GitHubCredential credential() {
            simulator();
            return GitHubCredential.token(token, "auditor");
        }

        @Override
        protected GitHubCredential resultsCredential(String owner) {
            simulator();
            return APP_ORG.equalsIgnoreCase(owner) ? GitHubCredential.token(installationToken, "auditor") : credential();
        }
    }
}
