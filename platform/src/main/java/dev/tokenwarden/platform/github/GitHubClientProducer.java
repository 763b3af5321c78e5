package dev.tokenwarden.platform.github;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The service's one {@link GitHubClient}, configured by {@code tokenwarden.github.*}, publishing its rate observations. */
@ApplicationScoped
public class GitHubClientProducer {
    @Produces
    @Singleton
    GitHubClient gitHubClient(GitHubConfig config, Clock clock, RateLimitPublisher rateLimits) {
        return GitHubClient.create(config.settings(), clock, rateLimits);
    }
}
