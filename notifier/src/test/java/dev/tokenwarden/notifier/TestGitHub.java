package dev.tokenwarden.notifier;

import dev.tokenwarden.notifier.infra.IssueCredential;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.RateLimitPublisher;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The GitHub the tests' notifier talks to: the sandbox simulator (on a port it picks itself, hence a producer
 * rather than configuration), with the repository issues go to and a PAT standing in for the internal
 * {@code notifier} credential.
 */
@ApplicationScoped
public class TestGitHub {
    static final String OWNER = "acme";
    static final String REPOSITORY = "security-issues";

    private static GitHubSimulator simulator;
    private static SimulatedRepository repository;
    private static String token;

    static synchronized GitHubSimulator simulator() {
        if (simulator == null) {
            simulator = GitHubSimulator.start(Clock.systemUTC());
            repository = simulator.addRepository(OWNER, REPOSITORY);
            token = simulator.registerClassicPat("notifier-bot", List.of("repo"), null);
        }
        return simulator;
    }

    static SimulatedRepository repository() {
        simulator();
        return repository;
    }

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    GitHubClient simulatedGitHub(GitHubConfig config, Clock clock, RateLimitPublisher rateLimits) {
        return GitHubClient.create(config.settings().withBaseUrl(URI.create(simulator().baseUrl())), clock, rateLimits);
    }

    /** The simulator's PAT in place of the Vault-rendered notifier token. */
    @Alternative
    @Priority(1)
    @Singleton
    static class SimulatedIssueCredential extends IssueCredential {
        SimulatedIssueCredential(InternalGitHubToken token) {
            super(token);
        }

        @Override
        public Optional<GitHubCredential> current() {
            simulator();
            return Optional.of(GitHubCredential.token(token, "notifier"));
        }
    }
}
