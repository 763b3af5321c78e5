package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.CredentialKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the console needs of the scheduler's policy to show when a credential is next due and when it counts as
 * expiring soon. The schedule itself stays the scheduler's; this only estimates it for display.
 *
 * @param periods rotation period by tier
 * @param installationRefreshAfter an installation token is re-minted this long after it was minted
 * @param warningLead a PAT or key is due this long before it expires
 * @param expiringSoon how close to expiry a credential is listed as expiring soon
 */
public record RotationPolicy(Map<String, Duration> periods, Duration installationRefreshAfter, Duration warningLead,
        Duration expiringSoon) {

    public RotationPolicy {
        periods = Map.copyOf(periods);
    }

    /** The earlier of the tier's period after the last rotation and the expiry minus the warning lead. */
    public Optional<Instant> nextRotation(CredentialKind kind, String tier, Instant lastRotatedAt, Instant expiresAt) {
        if (kind == CredentialKind.APP_INSTALLATION) {
            return Optional.ofNullable(lastRotatedAt).map(at -> at.plus(installationRefreshAfter));
        }
        if (kind == CredentialKind.APP_USER_TOKEN) {
            // Its own period (under 8 h) is not on the topics the console reads; the access token's expiry bounds it.
            return Optional.ofNullable(expiresAt);
        }
        Instant byPeriod = lastRotatedAt == null || !periods.containsKey(tier) ? null : lastRotatedAt.plus(periods.get(tier));
        Instant byExpiry = expiresAt == null ? null : expiresAt.minus(warningLead);
        if (byPeriod == null || byExpiry == null) {
            return Optional.ofNullable(byPeriod == null ? byExpiry : byPeriod);
        }
        return Optional.of(byPeriod.isBefore(byExpiry) ? byPeriod : byExpiry);
    }
}
