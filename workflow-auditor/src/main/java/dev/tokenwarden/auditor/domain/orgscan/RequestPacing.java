package dev.tokenwarden.auditor.domain.orgscan;

import dev.tokenwarden.platform.github.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How an instance's org scans call GitHub, together: at most {@code concurrency} requests in flight, and their starts
 * spaced evenly so that no more than {@code perMinute} begin in any minute. GitHub's secondary limits allow a
 * credential 900 points a minute (a GET costs one) and no more than 100 concurrent requests, and ask clients not to
 * send them in bursts; the scans take a share of that, leaving the rest to pushes and pull requests. Replicas scanning
 * with one credential each keep to their part of {@code perMinute} ({@link #shareWith}). Thread-safe.
 */
public final class RequestPacing {
    private final Semaphore inFlight;
    private final int perMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private Duration spacing;
    private Instant nextStart = Instant.MIN;

    public RequestPacing(int concurrency, int perMinute, Clock clock, Sleeper sleeper) {
        if (concurrency < 1 || perMinute < 1) {
            throw new IllegalArgumentException("concurrency and requests per minute must be at least 1");
        }
        this.inFlight = new Semaphore(concurrency, true);
        this.perMinute = perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
        shareWith(1);
    }

    /** From the next start on, keeps to one {@code replicas}-th of the requests per minute (at least one). */
    public synchronized void shareWith(int replicas) {
        spacing = Duration.ofMinutes(1).dividedBy(Math.max(1, perMinute / Math.max(1, replicas)));
    }

    /** Makes {@code request} once one of the requests in flight has ended and its start's turn has come. */
    public <T> T make(Supplier<T> request) throws InterruptedException {
        inFlight.acquire();
        try {
            Duration wait = Duration.between(clock.instant(), reserveStart());
            if (wait.isPositive()) {
                sleeper.sleep(wait);
            }
            return request.get();
        } finally {
            inFlight.release();
        }
    }

    private synchronized Instant reserveStart() {
        Instant now = clock.instant();
        Instant start = nextStart.isAfter(now) ? nextStart : now;
        nextStart = start.plus(spacing);
        return start;
    }
}
