package dev.tokenwarden.platform.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A consecutive-failure circuit breaker for one GitHub base URL. Closed: calls pass. After
 * {@code threshold} consecutive failures it opens and refuses calls for {@code openFor}; then it is
 * half-open and lets one trial call through, whose outcome closes or re-opens it. Answers from GitHub
 * (any status below 500, rate limits included) count as success: GitHub is up.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Admits one call or throws when the circuit refuses it. */
    synchronized void acquire(String operation) {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.OPEN || (state == State.HALF_OPEN && trialInFlight)) {
            throw new GitHubCircuitOpenException(operation, openUntil);
        }
        if (state == State.HALF_OPEN) {
            trialInFlight = true;
        }
    }

    synchronized void recordSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    synchronized void recordFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        return state == State.OPEN && !clock.instant().isBefore(openUntil) ? State.HALF_OPEN : state;
    }
}
