package dev.tokenwarden.broker.domain;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What usage is expected: how long a credential of each tier may go unused before it is a candidate for
 * revocation (a tier without a window is never reported unused), and, per consumer, the actors allowed to use its
 * credentials (a consumer without a list accepts any actor). The repositories allowed are the credential's own,
 * from the ledger.
 */
public record UsagePolicy(Map<String, Duration> unusedAfter, Map<String, Set<String>> actors) {
    public UsagePolicy {
        unusedAfter = Map.copyOf(unusedAfter);
        actors = Map.copyOf(actors);
    }

    public Optional<Duration> unusedAfter(String tier) {
        return Optional.ofNullable(unusedAfter.get(tier));
    }

    public boolean allowsActor(String consumer, String actor) {
        Set<String> allowed = actors.get(consumer);
        return allowed == null || allowed.contains(actor);
    }
}
