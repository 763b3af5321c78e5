package dev.tokenwarden.broker.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When a failed job may run again: {@code first} after one failure, doubled per further failure, never above {@code max}. */
public final class RetryBackoff {
    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private int failures;
    private Instant notBefore = Instant.MIN;

    public RetryBackoff(Duration first, Duration max, Clock clock) {
        this.first = first;
        this.max = max;
        this.clock = clock;
    }

    public synchronized boolean due() {
        return !clock.instant().isBefore(notBefore);
    }

    /** Records a failure; returns the wait before the next attempt. */
    public synchronized Duration failed() {
        failures++;
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 30));
        if (wait.compareTo(max) > 0 || wait.isNegative()) {
            wait = max;
        }
        notBefore = clock.instant().plus(wait);
        return wait;
    }

    public synchronized void succeeded() {
        failures = 0;
        notBefore = Instant.MIN;
    }

    public synchronized int failures() {
        return failures;
    }
}
