package dev.tokenwarden.platform.github;

import dev.tokenwarden.events.RateLimitObservation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Sends one GitHub request with the standard headers, and owns what every call shares: retries with
 * exponential backoff and full jitter on 5xx and network errors (bounded by attempts and total time),
 * rate-limit waits (short ones honoured, long ones failed fast as {@link GitHubRateLimitedException}),
 * pacing under GitHub's secondary limit ({@link SecondaryLimitPacer}), the circuit breaker, and a
 * {@link RateLimitObservation} for every response that carries rate headers.
 */
final class GitHubHttp {
    static final String API_VERSION = "2022-11-28";
    /** GitHub's advice when a secondary limit comes without {@code Retry-After}: wait at least a minute. */
    private static final Duration SECONDARY_LIMIT_DEFAULT_WAIT = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(GitHubHttp.class.getName());

    private final GitHubSettings settings;
    private volatile HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RateLimitListener listener;
    private final CircuitBreaker breaker;
    private final SecondaryLimitPacer pacer;

    GitHubHttp(GitHubSettings settings, Clock clock, Sleeper sleeper, RandomGenerator random, RateLimitListener listener) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.listener = listener;
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerOpenFor(), clock);
        this.pacer = settings.secondaryPointsPerMinute() == 0 ? null : new SecondaryLimitPacer(clock, settings.secondaryPointsPerMinute());
    }

    /**
     * Built by the first request, not with the service: the JDK client's TLS set-up (the trust store read and parsed)
     * takes 50 to 150 ms that a service's start to ready need not wait for.
     */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    // Redirects are not followed: a redirect must never carry a token to another host.
                    client = HttpClient.newBuilder()
                            .connectTimeout(settings.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    void shareSecondaryLimitWith(int replicas) {
        if (pacer != null) {
            pacer.shareWith(replicas);
        }
    }

    GitHubSettings settings() {
        return settings;
    }

    /** {@code pathAndQuery} starts with '/' and is relative to the base URL. */
    URI resolve(String pathAndQuery) {
        return URI.create(settings.baseUrl() + pathAndQuery);
    }

    /** True when {@code uri} lies under the base URL, so following it cannot send a token elsewhere. */
    boolean isUnderBaseUrl(URI uri) {
        URI base = settings.baseUrl();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && base.getPort() == uri.getPort()
                && uri.getRawPath() != null
                && (uri.getRawPath().equals(basePath) || uri.getRawPath().startsWith(basePath + "/"));
    }

    GitHubResponse send(String operation, String method, URI uri, GitHubCredential credential, byte[] jsonBody) {
        Instant deadline = clock.instant().plus(settings.maxRetryTime());
        for (int attempt = 1; ; attempt++) {
            SecondaryLimitPacer.Reservation reservation = pace(operation, method, credential, attempt, deadline);
            breaker.acquire(operation);
            GitHubResponse response;
            try {
                HttpResponse<byte[]> raw = http().send(request(method, uri, credential, jsonBody), HttpResponse.BodyHandlers.ofByteArray());
                response = new GitHubResponse(raw.statusCode(), raw.headers(), raw.body());
                if (reservation != null) {
                    pacer.answered(credential.rateKey(), reservation);
                }
            } catch (IOException e) {
                breaker.recordFailure();
                backOff(operation, attempt, deadline, "network error " + e.getClass().getSimpleName());
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitHubUnavailableException(operation, attempt, "interrupted");
            }
            Optional<Instant> limitedUntil = rateLimitedUntil(response);
            observe(credential, response, limitedUntil);
            if (response.status() >= 500) {
                breaker.recordFailure();
                backOff(operation, attempt, deadline, "status " + response.status());
                continue;
            }
            breaker.recordSuccess();
            if (limitedUntil.isEmpty()) {
                return response;
            }
            waitForRateLimit(operation, attempt, deadline, limitedUntil.get());
        }
    }

    /**
     * Holds the call back until its identity's minute has room under the secondary limit, within the call's wait bounds;
     * null when pacing is off.
     */
    private SecondaryLimitPacer.Reservation pace(String operation, String method, GitHubCredential credential, int attempt, Instant deadline) {
        if (pacer == null) {
            return null;
        }
        Instant now = clock.instant();
        Duration longestWait = Duration.between(now, deadline);
        if (settings.maxRateLimitWait().compareTo(longestWait) < 0) {
            longestWait = settings.maxRateLimitWait();
        }
        SecondaryLimitPacer.Reservation reservation = pacer.reserve(credential.rateKey(), method,
                longestWait.isNegative() ? Duration.ZERO : longestWait);
        if (!reservation.granted()) {
            throw new GitHubRateLimitedException(operation, now.plus(reservation.waitFor()));
        }
        if (reservation.waitFor().isPositive()) {
            sleep(operation, attempt, reservation.waitFor(), "held back under GitHub's secondary rate limit");
        }
        return reservation;
    }

    private HttpRequest request(String method, URI uri, GitHubCredential credential, byte[] jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", settings.userAgent());
        credential.authorization().ifPresent(value -> builder.header("Authorization", value));
        if (jsonBody == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(jsonBody));
        }
        return builder.build();
    }

    /** Sleeps a full-jitter exponential backoff before the next attempt, or throws when none is left. */
    private void backOff(String operation, int attempt, Instant deadline, String failure) {
        if (attempt >= settings.maxAttempts()) {
            throw new GitHubUnavailableException(operation, attempt, failure);
        }
        long capMillis = Math.min(settings.maxBackoff().toMillis(),
                settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        Duration wait = Duration.ofMillis(capMillis == 0 ? 0 : random.nextLong(capMillis + 1));
        if (clock.instant().plus(wait).isAfter(deadline)) {
            throw new GitHubUnavailableException(operation, attempt, failure + "; retry time exhausted");
        }
        sleep(operation, attempt, wait, failure);
    }

    private void waitForRateLimit(String operation, int attempt, Instant deadline, Instant until) {
        Instant now = clock.instant();
        Duration wait = until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        if (wait.compareTo(settings.maxRateLimitWait()) > 0 || attempt >= settings.maxAttempts() || now.plus(wait).isAfter(deadline)) {
            throw new GitHubRateLimitedException(operation, until);
        }
        sleep(operation, attempt, wait, "rate limited");
    }

    private void sleep(String operation, int attempt, Duration wait, String failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubUnavailableException(operation, attempt, failure + "; interrupted while waiting");
        }
    }

    /**
     * When a 403 or 429 is a rate limit, the instant it ends: {@code Retry-After} first, then
     * {@code x-ratelimit-reset} when {@code x-ratelimit-remaining} is 0, else GitHub's one-minute advice
     * for a secondary limit. A 403 that is none of these is a permission problem, not a limit.
     */
    private Optional<Instant> rateLimitedUntil(GitHubResponse response) {
        if (response.status() != 403 && response.status() != 429) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Long> retryAfter = response.header("retry-after").flatMap(GitHubHttp::parseLong);
        if (retryAfter.isPresent()) {
            return Optional.of(now.plusSeconds(Math.max(0, retryAfter.get())));
        }
        boolean exhausted = response.header("x-ratelimit-remaining").flatMap(GitHubHttp::parseLong).filter(r -> r == 0).isPresent();
        Optional<Long> reset = response.header("x-ratelimit-reset").flatMap(GitHubHttp::parseLong);
        if (exhausted && reset.isPresent()) {
            return Optional.of(Instant.ofEpochSecond(reset.get()));
        }
        if (response.status() == 429 || new String(response.body(), StandardCharsets.UTF_8).contains("secondary rate limit")) {
            return Optional.of(now.plus(SECONDARY_LIMIT_DEFAULT_WAIT));
        }
        return Optional.empty();
    }

    private void observe(GitHubCredential credential, GitHubResponse response, Optional<Instant> limitedUntil) {
        Optional<Long> limit = response.header("x-ratelimit-limit").flatMap(GitHubHttp::parseLong);
        Optional<Long> remaining = response.header("x-ratelimit-remaining").flatMap(GitHubHttp::parseLong);
        Optional<Long> reset = response.header("x-ratelimit-reset").flatMap(GitHubHttp::parseLong);
        if (limit.isEmpty() || remaining.isEmpty() || reset.isEmpty()) {
            return;
        }
        boolean secondary = limitedUntil.isPresent() && remaining.get() > 0;
        RateLimitObservation observation = new RateLimitObservation(
                credential.rateKey(),
                response.header("x-ratelimit-resource").orElse("core"),
                limit.get().intValue(),
                remaining.get().intValue(),
                Instant.ofEpochSecond(reset.get()),
                secondary ? limitedUntil.get() : null,
                clock.instant());
        try {
            listener.observed(observation);
        } catch (RuntimeException e) {
            // A failing listener (say, Kafka down) must not fail the GitHub call that has already happened.
            LOG.log(System.Logger.Level.WARNING, "rate-limit listener failed for " + credential.rateKey() + ": " + e);
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
