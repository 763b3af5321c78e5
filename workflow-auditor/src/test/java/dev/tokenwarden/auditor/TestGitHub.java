package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.RateLimitPublisher;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * The GitHub the tests' auditor talks to: the sandbox simulator in the test JVM (on a port it picks itself,
 * hence a producer rather than configuration), and a PAT it issued standing in for the auditor credential.
 */
@ApplicationScoped
public class TestGitHub {
    private static GitHubSimulator simulator;
    private static String token;

    public static synchronized GitHubSimulator simulator() {
        if (simulator == null) {
            simulator = GitHubSimulator.start(Clock.systemUTC());
            token = simulator.registerClassicPat("auditor-bot", List.of("repo", "security_events"), null);
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
        SimulatedAuditorGitHub(GitHubClient client, @Named(AuditorGitHub.RATE_KEY) InternalGitHubToken token) {
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
    }
}
