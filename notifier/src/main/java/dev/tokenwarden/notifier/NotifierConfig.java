package dev.tokenwarden.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the notifier reads from configuration; receiver secrets come from the environment in production. */
@ConfigMapping(prefix = "tokenwarden.notifier")
public interface NotifierConfig {
    /** The routing tree (YAML); a file path, or the bundled {@code routing.yaml} when absent. */
    Optional<String> routingFile();

    /** The receivers, by the name routes use. */
    Map<String, ReceiverConfig> receivers();

    /** Where a notification goes when its receiver has given up or its circuit is open. */
    Optional<String> fallbackReceiver();

    /** How often group timers and pending retries are looked at. */
    @WithDefault("1s")
    Duration tick();

    /**
     * How many delivery attempts may wait on one receiver at once (each receiver has its own, so a slow one
     * does not hold up the others); a receiver's messages about the same incident still go one at a time, in order.
     */
    @WithDefault("16")
    int maxInFlight();

    /**
     * How many notifications one receiver may hold, waiting or out; beyond that its due groups wait in the
     * dispatcher and go out, merged with what changed meanwhile, as it catches up.
     */
    @WithDefault("1000")
    int maxQueued();

    Http http();

    Silences silences();

    Retry retry();

    Circuit circuit();

    Outbound outbound();

    GitHub github();

    interface GitHub {
        /**
         * A literal internal {@code notifier} tier credential (issues:write), for development; ignored when
         * {@link #tokenVaultPath()} is set.
         */
        Optional<String> token();

        /**
         * Where the token-broker keeps the internal {@code notifier} credential, relative to the KV v2 mount
         * ({@code github/notifier/<consumer>/<credential-id>}); read with the {@code tokenwarden.vault.*} settings.
         */
        Optional<String> tokenVaultPath();
    }

    interface ReceiverConfig {
        ReceiverType type();

        /** Webhook URL (Slack, Teams, generic webhook). A secret in itself for Slack and Teams: never logged. */
        Optional<String> url();

        /** Standard Webhooks signing secret, {@code whsec_<base64>}. */
        Optional<String> secret();

        /** Email recipients. */
        Optional<List<String>> to();

        /** {@code owner/name} of the repository GitHub issues are opened in. */
        Optional<String> repository();
    }

    enum ReceiverType { SLACK, TEAMS, WEBHOOK, EMAIL, GITHUB_ISSUES }

    interface Http {
        @WithDefault("10s")
        Duration timeout();
    }

    interface Silences {
        /** How long an ended silence stays listed before its tombstone removes it (Alertmanager's {@code --data.retention}). */
        @WithDefault("5d")
        Duration retention();
    }

    interface Retry {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("1m")
        Duration maxBackoff();

        /** A {@code Retry-After} longer than this sends the notification to the fallback instead of waiting. */
        @WithDefault("10m")
        Duration maxRetryAfter();
    }

    interface Circuit {
        @WithDefault("5")
        int failureThreshold();

        @WithDefault("1m")
        Duration openFor();
    }

    interface Outbound {
        /** Address blocks outbound calls may reach although they are internal (tests and the local stack: 127.0.0.1). */
        Optional<List<String>> allow();
    }
}
