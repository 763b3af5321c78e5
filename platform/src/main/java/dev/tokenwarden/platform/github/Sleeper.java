package dev.tokenwarden.platform.github;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the wait (and advances their clock) instead. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
