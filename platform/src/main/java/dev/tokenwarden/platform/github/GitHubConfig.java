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

    @WithDefault("100")
    int maxPages();

    default GitHubSettings settings() {
        return new GitHubSettings(baseUrl(), userAgent(), connectTimeout(), requestTimeout(), maxAttempts(), initialBackoff(),
                maxBackoff(), maxRetryTime(), maxRateLimitWait(), breakerThreshold(), breakerOpenFor(), maxPages());
    }
}
