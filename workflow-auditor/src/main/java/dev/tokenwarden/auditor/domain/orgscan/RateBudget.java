package dev.tokenwarden.auditor.domain.orgscan;

import java.time.Instant;
import java.util.Optional;

/**
 * When an org scan should stop calling GitHub: once the credential's remaining requests fall under a floor, it waits
 * for the window's reset, leaving the rest of the budget to pushes, pull requests and the other services.
 */
public final class RateBudget {
    private RateBudget() {
    }

    /** The reset to wait for, when {@code remaining} is under {@code floor} and the reset is still ahead. */
    public static Optional<Instant> pauseUntil(int remaining, Instant resetAt, int floor, Instant now) {
        return remaining < floor && resetAt.isAfter(now) ? Optional.of(resetAt) : Optional.empty();
    }
}
