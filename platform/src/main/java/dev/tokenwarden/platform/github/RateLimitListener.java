package dev.tokenwarden.platform.github;

import dev.tokenwarden.events.RateLimitObservation;

/** Receives the rate-limit headers of every GitHub response, keyed by app installation or caller name. */
@FunctionalInterface
public interface RateLimitListener {
    RateLimitListener NONE = observation -> {
    };

    void observed(RateLimitObservation observation);
}
