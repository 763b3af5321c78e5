package dev.tokenwarden.platform.github;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client reaches one GitHub: its API base URL (github.com's {@code https://api.github.com} or a
 * GitHub Enterprise Server's {@code https://HOST/api/v3}), timeouts, and the bounds on retries, rate-limit
 * waits and the circuit breaker.
 *
 * @param maxAttempts        attempts per call, the first included
 * @param maxRetryTime       total time one call may spend retrying and waiting
 * @param maxRateLimitWait   the longest rate-limit wait honoured in-line; a longer one fails fast
 * @param breakerThreshold   consecutive failures (5xx or network) that open the circuit
 * @param breakerOpenFor     how long an open circuit refuses calls before letting one trial through
 * @param maxPages           the most pages a paged listing follows: a bound against a server that never ends a listing,
 *                           above what a real one holds (2,000 pages of 100: an organisation of 200,000 repositories)
 * @param secondaryPointsPerMinute points of GitHub's secondary rate limit one identity may spend a minute (a GET 1,
 *                           a write 5; GitHub allows 900); 0 turns the pacing off, for a GitHub Enterprise Server
 *                           without secondary limits
 */
public record GitHubSettings(
        URI baseUrl,
        String userAgent,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryTime,
        Duration maxRateLimitWait,
        int breakerThreshold,
        Duration breakerOpenFor,
        int maxPages,
        int secondaryPointsPerMinute) {
    public static final int DEFAULT_MAX_PAGES = 2000;

    public static final URI GITHUB_COM = URI.create("https://api.github.com");

    public GitHubSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("GitHub base URL must be http(s): " + baseUrl);
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (maxAttempts < 1 || breakerThreshold < 1 || maxPages < 1) {
            throw new IllegalArgumentException("maxAttempts, breakerThreshold and maxPages must be at least 1");
        }
        if (secondaryPointsPerMinute != 0 && secondaryPointsPerMinute < SecondaryLimitPacer.MOST_POINTS_PER_CALL) {
            throw new IllegalArgumentException("secondaryPointsPerMinute must be 0 (off) or at least " + SecondaryLimitPacer.MOST_POINTS_PER_CALL);
        }
    }

    /** These settings for another GitHub (a simulator in tests). */
    public GitHubSettings withBaseUrl(URI otherBaseUrl) {
        return new GitHubSettings(otherBaseUrl, userAgent, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff,
                maxRetryTime, maxRateLimitWait, breakerThreshold, breakerOpenFor, maxPages, secondaryPointsPerMinute);
    }

    /** The defaults for {@code baseUrl}: 5 s to connect, 30 s per request, 4 attempts within 60 s, 850 secondary-limit points a minute. */
    public static GitHubSettings defaults(URI baseUrl) {
        return new GitHubSettings(baseUrl, "tokenwarden", Duration.ofSeconds(5), Duration.ofSeconds(30), 4,
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofSeconds(60), 5,
                Duration.ofSeconds(30), DEFAULT_MAX_PAGES, SecondaryLimitPacer.DEFAULT_POINTS_PER_MINUTE);
    }
}
