package dev.tokenwarden.scheduler.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * One tier's rotation period (the maximum lifetime of a PAT in it). Internal tiers hold the system's own
 * GitHub access and may only be installation tokens minted by the broker.
 */
public record TierPolicy(String name, Duration period, boolean internal) {
    public TierPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("tier " + name + ": period must be positive, was " + period);
        }
    }
}
