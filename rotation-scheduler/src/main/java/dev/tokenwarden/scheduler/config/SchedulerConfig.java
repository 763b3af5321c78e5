package dev.tokenwarden.scheduler.config;

import dev.tokenwarden.scheduler.domain.PacingPolicy;
import dev.tokenwarden.scheduler.domain.SchedulePolicy;
import dev.tokenwarden.scheduler.domain.TierPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The scheduler's configuration; defaults live in application.properties, where an operator sees them. */
@ConfigMapping(prefix = "tokenwarden.scheduler")
public interface SchedulerConfig {
    /** Tier name to its rotation period; {@code internal=true} for the system's own tiers (auditor, notifier, fixer). */
    Map<String, Tier> tiers();

    /** GitHub App ids an inventory entry's app pool may name. */
    Set<Long> knownApps();

    Duration installationRefreshAfter();

    Duration warningLead();

    List<Duration> warnings();

    Duration installationConfirmWithin();

    Duration assistedConfirmWithin();

    int maxAttempts();

    double jitterShare();

    Duration maxJitter();

    Pacing pacing();

    /** How often a scheduling pass runs. */
    Duration passEvery();

    /** Upper bound on waiting for Kafka to acknowledge what a pass or a REST call wrote. */
    Duration sendTimeout();

    InventoryFile inventoryFile();

    interface Tier {
        Duration period();

        @WithDefault("false")
        boolean internal();
    }

    interface Pacing {
        double conservativeBelow();

        double aggressiveAbove();

        double warnBelow();

        double conservativeShare();

        double normalShare();

        double aggressiveShare();

        int callsPerMint();

        int maxPerMinute();

        int unobservedPerMinute();

        int maxPerAppPerMinute();
    }

    interface InventoryFile {
        /** A YAML inventory imported at start and whenever it changes; none by default. */
        Optional<Path> path();

        Duration pollEvery();

        /** Files larger than this are refused before parsing. */
        int maxBytes();
    }

    default SchedulePolicy policy() {
        Map<String, TierPolicy> tierPolicies = new HashMap<>();
        tiers().forEach((name, tier) -> tierPolicies.put(name, new TierPolicy(name, tier.period(), tier.internal())));
        Pacing p = pacing();
        return new SchedulePolicy(tierPolicies, knownApps(), installationRefreshAfter(), warningLead(), warnings(),
                installationConfirmWithin(), assistedConfirmWithin(), maxAttempts(), jitterShare(), maxJitter(),
                new PacingPolicy(p.conservativeBelow(), p.aggressiveAbove(), p.warnBelow(), p.conservativeShare(), p.normalShare(),
                        p.aggressiveShare(), p.callsPerMint(), p.maxPerMinute(), p.unobservedPerMinute(), p.maxPerAppPerMinute()));
    }
}
