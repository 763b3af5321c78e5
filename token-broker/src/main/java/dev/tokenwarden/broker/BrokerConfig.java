package dev.tokenwarden.broker;

import dev.tokenwarden.broker.domain.TierCatalogue;
import dev.tokenwarden.broker.domain.TierPolicy;
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

    /** How long a send may wait for Kafka's acknowledgement. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How long a consumer waits for the state rebuild before giving the record back. */
    @WithDefault("2m")
    Duration rebuildTimeout();

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
