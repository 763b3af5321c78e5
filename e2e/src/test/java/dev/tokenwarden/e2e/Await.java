package dev.tokenwarden.e2e;

import java.time.Duration;

/** Condition-based waits with generous timeouts: the machine may be shared, so nothing waits a fixed time. */
final class Await {
    private static final Duration POLL = Duration.ofMillis(250);

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(POLL);
        }
    }
}
