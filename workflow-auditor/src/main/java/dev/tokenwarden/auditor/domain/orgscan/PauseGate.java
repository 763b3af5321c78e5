package dev.tokenwarden.auditor.domain.orgscan;

import dev.tokenwarden.platform.github.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The rate-limit pause of one org scan that several workers advance: once one of them learns of a limit, every worker
 * waits at the gate until its end before its next request. The listener hears of a pause when it begins or is
 * extended, and of its end once, from the first worker through. Thread-safe.
 */
public final class PauseGate {
    /** Called with the gate held: each pause and each end is heard in the order it happened. */
    public interface Listener {
        void paused(Instant until);

        void resumed();
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private Instant pausedUntil;

    public PauseGate(Clock clock, Sleeper sleeper, Listener listener) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** Pauses every worker until {@code until}, unless a pause already lasts as long. */
    public synchronized void pause(Instant until) {
        if (pausedUntil == null || until.isAfter(pausedUntil)) {
            pausedUntil = until;
            listener.paused(until);
        }
    }

    /** Returns at once when the scan is not paused; otherwise after the pause's end. */
    public void passThrough() throws InterruptedException {
        while (true) {
            Duration left;
            synchronized (this) {
                if (pausedUntil == null) {
                    return;
                }
                left = Duration.between(clock.instant(), pausedUntil);
                if (!left.isPositive()) {
                    pausedUntil = null;
                    listener.resumed();
                    return;
                }
            }
            sleeper.sleep(left);
        }
    }
}
