package dev.tokenwarden.broker;

import dev.tokenwarden.broker.domain.TierCatalogue;
import dev.tokenwarden.broker.domain.TierPolicy;
import dev.tokenwarden.broker.domain.UsagePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code tokenwarden.broker.*}: the tiers and the broker's timing. */
@ConfigMapping(prefix = "tokenwarden.broker")
public interface BrokerConfig {
    /** Tier name to policy (DESIGN.md "Credentials and tiers"); re-check against GitHub's permission docs when changing. */
    Map<String, Tier> tiers();

    /** The GitHub Apps the broker mints from, by app id. */
    Map<String, App> apps();

    /**
     * Organisations (by login) where revoking a fine-grained PAT also revokes its access through the
     * organisation's API ({@code POST /orgs/{org}/personal-access-tokens/{pat_id}}), besides GitHub's
     * credential revocation API; none by default.
     */
    Map<String, OrgPatAdmin> orgPatRevocation();

    /** How long a superseded value stays valid after the rotation that replaced it finished. */
    @WithDefault("10m")
    Duration overlap();

    /** How often pending revocations are retried. */
    @WithDefault("30s")
    String sweepInterval();

    /** How many of a path's newest Vault versions are searched for a value to revoke. */
    @WithDefault("10")
    int versionsSearched();

    /** Failed sweeps of one value before {@code revocation-failed/<credential>} fires. */
    @WithDefault("3")
    int revocationFailuresBeforeIncident();

    /**
     * GitHub's web origin, where {@code /login/oauth/access_token} renews user tokens; unset: derived from
     * {@code tokenwarden.github.base-url} ({@code https://api.github.com} gives {@code https://github.com}, a GitHub
     * Enterprise Server's {@code https://HOST/api/v3} gives {@code https://HOST}).
     */
    Optional<String> githubWebUrl();

    /** How long one user token refresh may take, connecting included; it is never retried. */
    @WithDefault("30s")
    Duration userTokenRefreshTimeout();

    /** How long a send may wait for Kafka's acknowledgement. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How long a consumer waits for the state rebuild before giving the record back. */
    @WithDefault("2m")
    Duration rebuildTimeout();

    /** Usage monitoring through the organisations' audit logs. */
    Usage usage();

    interface Usage {
        /** Organisations whose audit log is read (GitHub Enterprise Cloud); none: usage monitoring is off. */
        Optional<Set<String>> orgs();

        /**
         * Where the internal {@code auditor} tier credential the audit log is read with is in Vault (under the mount,
         * e.g. {@code github/auditor/workflow-auditor/workflow-auditor-github}); its tier needs
         * {@code organization_administration: read}.
         */
        Optional<String> githubTokenVaultPath();

        /** A literal token instead, for development. */
        Optional<String> githubToken();

        /** How often the audit logs are read (the {@code @Scheduled} poll reads it). */
        @WithDefault("5m")
        String pollInterval();

        /** Pages read per organisation and poll; the rest waits for the next poll. */
        @WithDefault("20")
        int maxPagesPerPoll();

        /** The wait after a failed poll, doubled per further failure up to {@link #maxRetryBackoff()}. */
        @WithDefault("30s")
        Duration retryBackoff();

        @WithDefault("30m")
        Duration maxRetryBackoff();

        /** Per tier, how long a credential may go unused before {@code credential-unused} fires; a tier not listed never does. */
        Map<String, Duration> unusedAfter();

        /** Per consumer, the audit log actors allowed to use its credentials; a consumer not listed accepts any actor. */
        Map<String, Consumer> consumers();

        interface Consumer {
            Set<String> actors();
        }

        default UsagePolicy policy() {
            Map<String, Set<String>> actors = new TreeMap<>();
            consumers().forEach((name, consumer) -> actors.put(name, Set.copyOf(consumer.actors())));
            return new UsagePolicy(unusedAfter(), actors);
        }
    }

    interface App {
        /** The JWT issuer: the app's client id (or its app id as text). */
        String clientId();

        /**
         * Where the app's private key (PEM) is in Vault, as {@code <tier>/<consumer>/<credential-id>} under
         * {@code github/}: the key is a credential of kind {@code app-private-key} like any other.
         */
        String keyPath();
    }

    /**
     * The installation the broker mints a short-lived token from for one organisation's PAT grants: an
     * org-owned app's, granted {@code organization_personal_access_tokens: write}.
     */
    interface OrgPatAdmin {
        long appId();

        long installationId();
    }

    interface Tier {
        /** GitHub App permissions of the tier's installation tokens; none for a PAT-only tier. */
        Map<String, String> permissions();

        /** Permissions an inventory entry gets only by granting them explicitly ({@code workflows}). */
        Map<String, String> grantablePermissions();

        /** Classic PAT scopes the tier allows. */
        Optional<Set<String>> classicScopes();

        /** Rotation period, and the longest an uploaded PAT of the tier may live. */
        Duration maxLifetime();
    }

    default TierCatalogue catalogue() {
        Map<String, TierPolicy> policies = new TreeMap<>();
        tiers().forEach((name, tier) -> policies.put(name, new TierPolicy(name, tier.permissions(), tier.grantablePermissions(),
                tier.classicScopes().orElse(Set.of()), tier.maxLifetime())));
        return new TierCatalogue(policies);
    }
}
