package dev.tokenwarden.scheduler.domain;

/**
 * Thresholds of the pacing modes, as fractions of an installation's rate limit still remaining.
 *
 * @param conservativeBelow headroom under which the mode is conservative
 * @param aggressiveAbove headroom over which the mode is aggressive
 * @param warnBelow headroom under which a rate-limit warning incident fires (before the limit is reached)
 * @param conservativeShare share of the remaining quota that may be spent on mints before reset, per mode
 * @param callsPerMint GitHub calls one rotation costs the broker (mint, verify, revoke)
 * @param maxPerMinute mints per minute per installation never exceeded, whatever the headroom
 * @param unobservedPerMinute budget of an installation with no current observation (or of credentials with no app pool)
 * @param maxPerAppPerMinute mints per minute per GitHub App, over all its installations: GitHub's secondary limit counts
 *        the app's JWT requests together (900 points a minute, 5 per POST: 180 mints), whatever its installations' quotas
 */
public record PacingPolicy(
        double conservativeBelow,
        double aggressiveAbove,
        double warnBelow,
        double conservativeShare,
        double normalShare,
        double aggressiveShare,
        int callsPerMint,
        int maxPerMinute,
        int unobservedPerMinute,
        int maxPerAppPerMinute) {

    public PacingPolicy {
        if (!(0 <= warnBelow && warnBelow <= conservativeBelow && conservativeBelow < aggressiveAbove && aggressiveAbove <= 1)) {
            throw new IllegalArgumentException("pacing thresholds must satisfy 0 <= warn-below <= conservative-below < aggressive-above <= 1");
        }
        if (callsPerMint < 1 || maxPerMinute < 1 || unobservedPerMinute < 1 || maxPerAppPerMinute < 1) {
            throw new IllegalArgumentException("calls-per-mint, max-per-minute, unobserved-per-minute and max-per-app-per-minute must be at least 1");
        }
    }

    public PacingMode mode(double headroom) {
        if (headroom < conservativeBelow) {
            return PacingMode.CONSERVATIVE;
        }
        return headroom > aggressiveAbove ? PacingMode.AGGRESSIVE : PacingMode.NORMAL;
    }

    double share(PacingMode mode) {
        return switch (mode) {
            case CONSERVATIVE -> conservativeShare;
            case NORMAL -> normalShare;
            case AGGRESSIVE -> aggressiveShare;
        };
    }
}
