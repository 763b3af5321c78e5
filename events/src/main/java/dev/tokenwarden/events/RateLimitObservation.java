package dev.tokenwarden.events;

import java.time.Instant;

/**
 * GitHub's rate-limit headers as last seen for one app installation ({@code appId/installationId}, or
 * a caller name for non-installation credentials); {@code github.ratelimit} is compacted by it.
 */
public record RateLimitObservation(
        String installation,
        String resource,
        Integer limit,
        Integer remaining,
        Instant resetAt,
        Instant secondaryLimitedUntil,
        Instant observedAt) {

    public RateLimitObservation {
        Wire.required(installation, "installation");
        Wire.required(resource, "resource");
        Wire.required(limit, "limit");
        Wire.required(remaining, "remaining");
        Wire.required(resetAt, "resetAt");
        Wire.required(observedAt, "observedAt");
    }
}
