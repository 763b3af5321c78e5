package dev.tokenwarden.platform.github;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** {@code tokenwarden.github.*}: which GitHub the service talks to and how patiently. */
@ConfigMapping(prefix = "tokenwarden.github")
public interface GitHubConfig {
    /** {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise Server. */
    @WithDefault("https://api.github.com")
    URI baseUrl();

    @WithDefault("tokenwarden")
    String userAgent();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("30s")
    Duration requestTimeout();

    /** Attempts per call on 5xx and network errors, the first included. */
    @WithDefault("4")
    int maxAttempts();

    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("8s")
    Duration maxBackoff();

    /** Total time one call may spend retrying and waiting. */
    @WithDefault("60s")
    Duration maxRetryTime();

    /** Rate-limit waits up to this long are honoured in-line; longer ones fail fast with the time to come back. */
    @WithDefault("60s")
    Duration maxRateLimitWait();

    /** Consecutive failures that open the circuit. */
    @WithDefault("5")
    int breakerThreshold();

    @WithDefault("30s")
    Duration breakerOpenFor();

    /** The most pages a paged listing follows (100 items each): 2,000 lists an organisation of 200,000 repositories. */
    @WithDefault("" + GitHubSettings.DEFAULT_MAX_PAGES)
    int maxPages();

    /**
     * Points of GitHub's secondary rate limit (900 a minute; a GET 1 point, a write 5) one identity may spend a minute
     * from this process; calls past it wait. Per replica: N replicas sharing an identity each take 850 / N. 0 turns it off.
     */
    @WithDefault("850")
    int secondaryPointsPerMinute();

    default GitHubSettings settings() {
        return new GitHubSettings(baseUrl(), userAgent(), connectTimeout(), requestTimeout(), maxAttempts(), initialBackoff(),
                maxBackoff(), maxRetryTime(), maxRateLimitWait(), breakerThreshold(), breakerOpenFor(), maxPages(),
                secondaryPointsPerMinute());
    }
}
