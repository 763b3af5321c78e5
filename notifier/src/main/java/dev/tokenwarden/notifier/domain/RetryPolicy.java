package dev.tokenwarden.notifier.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code initial * 2^(n-1)}, capped at
 * {@code max}. A receiver's {@code Retry-After} is honoured as a floor; one longer than {@code maxRetryAfter}
 * ends the retries, because the fallback should hear about it now rather than much later.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier random) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, or empty when there is to be none. */
    public Optional<Duration> nextDelay(int attempt, SendResult result) {
        if (result.delivered() || !result.retryable() || attempt >= maxAttempts) {
            return Optional.empty();
        }
        if (result.retryAfter().filter(d -> d.compareTo(maxRetryAfter) > 0).isPresent()) {
            return Optional.empty();
        }
        long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 30));
        Duration backoff = Duration.ofMillis((long) (ceiling * (0.5 + 0.5 * random.getAsDouble())));
        Duration floor = result.retryAfter().orElse(Duration.ZERO);
        return Optional.of(backoff.compareTo(floor) >= 0 ? backoff : floor);
    }
}
