package dev.tokenwarden.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The console's settings, under {@code tokenwarden.console}. */
@ConfigMapping(prefix = "tokenwarden.console")
public interface ConsoleConfig {

    /** Rows per page of every list. */
    @WithDefault("50")
    int pageSize();

    /** How many rows the overview's lists show before linking to the full page. */
    @WithDefault("10")
    int overviewLength();

    /** How often the pages refresh their live parts. */
    @WithDefault("2s")
    Duration refreshEvery();

    Rotation rotation();

    History history();

    Lag lag();

    /** The scheduler's policy, to estimate each credential's next rotation (see RotationPolicy). */
    interface Rotation {
        /** Rotation period by tier. */
        Map<String, Duration> periods();

        Duration installationRefreshAfter();

        Duration warningLead();

        Duration expiringSoon();
    }

    interface History {
        /** Lifecycle steps kept per credential. */
        @WithDefault("20")
        int timeline();

        /** Ledger entries kept per credential. */
        @WithDefault("10")
        int ledger();

        /** Resolved incidents, deliveries and operator actions kept. */
        @WithDefault("1000")
        int recent();
    }

    interface Lag {
        /** The consumer groups whose lag the lag page shows: each service's group. */
        List<String> groups();

        /** Each admin call gives up after this long. */
        @WithDefault("5s")
        Duration timeout();

        /** A figure this fresh is shown again instead of asking the broker. */
        @WithDefault("5s")
        Duration cacheFor();
    }
}
