package dev.tokenwarden.broker.domain;

import java.util.Map;

/** The tiers the broker knows, from configuration. */
public final class TierCatalogue {
    private final Map<String, TierPolicy> tiers;

    public TierCatalogue(Map<String, TierPolicy> tiers) {
        this.tiers = Map.copyOf(tiers);
    }

    public TierPolicy policy(String tier) {
        TierPolicy policy = tiers.get(tier);
        if (policy == null) {
            throw new BrokerFailure("unknown tier '" + tier + "'; configured tiers are " + tiers.keySet(), false);
        }
        return policy;
    }
}
