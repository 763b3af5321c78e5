package dev.tokenwarden.notifier.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * One receiver's breaker: {@code threshold} failures in a row open it for {@code openFor}; then one trial
 * attempt is let through, which closes it on success or opens it again on failure. While it is open,
 * notifications go straight to the fallback receiver instead of waiting on a receiver known to be down.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private int failures;
    private Instant openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openFor = openFor;
    }

    public synchronized State state(Instant now) {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return now.isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    /** Whether an attempt may go out now; in half-open state only one at a time. */
    public synchronized boolean allows(Instant now) {
        return switch (state(now)) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void succeeded() {
        failures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    public synchronized void failed(Instant now) {
        trialInFlight = false;
        failures++;
        if (openedAt != null || failures >= threshold) {
            openedAt = now;
        }
    }
}
