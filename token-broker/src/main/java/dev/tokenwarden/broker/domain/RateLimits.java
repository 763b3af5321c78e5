package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.RateLimitObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last rate-limit observation per app installation, from {@code github.ratelimit}; picks the
 * installation of an app pool with the most headroom, as octo-sts does.
 */
public final class RateLimits {
    private final Map<String, RateLimitObservation> byInstallation = new ConcurrentHashMap<>();

    public void apply(RateLimitObservation observation) {
        byInstallation.merge(observation.installation(), observation,
                (known, incoming) -> incoming.observedAt().isBefore(known.observedAt()) ? known : incoming);
    }

    /**
     * {@code pacedFor} (the installation whose budget the scheduler's pacing took for this order; null when it named
     * none) unless it is limited now; otherwise the installation with the most requests left now, one never observed
     * counting as having all of them. Installations under a secondary limit or with nothing left before their reset are
     * passed over. Following the scheduler keeps each app's mints within the per-app budget it counted: choosing by
     * headroom alone sends a burst to whichever installation looks best before any observation of the burst has
     * arrived, so to one app.
     *
     * @throws BrokerFailure (retryable) when every installation of the pool is limited
     */
    public AppInstallation choose(List<AppInstallation> pool, AppInstallation pacedFor, Instant now) {
        if (pool.isEmpty()) {
            throw new BrokerFailure("the inventory entry names no app installation to mint from", false);
        }
        if (pacedFor != null && blockedUntil(byInstallation.get(pacedFor.key()), now) == null) {
            return pacedFor;
        }
        AppInstallation best = null;
        long bestHeadroom = 0;
        Instant earliestFree = null;
        for (AppInstallation installation : pool) {
            RateLimitObservation seen = byInstallation.get(installation.key());
            Instant blockedUntil = blockedUntil(seen, now);
            if (blockedUntil != null) {
                earliestFree = earliestFree == null || blockedUntil.isBefore(earliestFree) ? blockedUntil : earliestFree;
                continue;
            }
            long headroom = seen == null ? Long.MAX_VALUE : seen.resetAt().isAfter(now) ? seen.remaining() : seen.limit();
            if (best == null || headroom > bestHeadroom) {
                best = installation;
                bestHeadroom = headroom;
            }
        }
        if (best == null) {
            throw new BrokerFailure("every installation of the app pool is rate-limited until " + earliestFree, true);
        }
        return best;
    }

    private static Instant blockedUntil(RateLimitObservation seen, Instant now) {
        if (seen == null) {
            return null;
        }
        if (seen.secondaryLimitedUntil() != null && seen.secondaryLimitedUntil().isAfter(now)) {
            return seen.secondaryLimitedUntil();
        }
        if (seen.remaining() <= 0 && seen.resetAt().isAfter(now)) {
            return seen.resetAt();
        }
        return null;
    }
}
