package dev.tokenwarden.broker.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one tier may hold: the GitHub App permissions of its installation tokens, the permissions an
 * inventory entry may add only by granting them explicitly ({@code workflows:write}), the classic PAT
 * scopes it allows, and the longest a PAT of the tier may live.
 */
public record TierPolicy(
        String name,
        Map<String, String> permissions,
        Map<String, String> grantablePermissions,
        Set<String> classicScopes,
        Duration maxLifetime) {

    public TierPolicy {
        permissions = Map.copyOf(permissions);
        grantablePermissions = Map.copyOf(grantablePermissions);
        classicScopes = Set.copyOf(classicScopes);
    }

    /** The installation-token permissions for an entry of this tier, with the grantable ones it asks for. */
    public Map<String, String> installationPermissions(boolean grantsWorkflowsWrite) {
        if (permissions.isEmpty()) {
            throw new BrokerFailure("tier " + name + " has no GitHub App permissions; its credentials are PATs", false);
        }
        Map<String, String> result = new TreeMap<>(permissions);
        if (grantsWorkflowsWrite) {
            String level = grantablePermissions.get("workflows");
            if (level == null) {
                throw new BrokerFailure("tier " + name + " may not be granted workflows:write", false);
            }
            result.put("workflows", level);
        }
        return result;
    }

    /** Why an uploaded PAT does not fit this tier; empty when it fits. */
    public List<String> patProblems(boolean classic, CredentialVerifier.Verification verification, Instant now) {
        List<String> problems = new ArrayList<>();
        Instant latest = now.plus(maxLifetime);
        if (verification.expiresAt() == null) {
            problems.add("the token never expires; tier " + name + " allows at most " + maxLifetime.toDays() + " days");
        } else if (verification.expiresAt().isAfter(latest)) {
            problems.add("the token expires at " + verification.expiresAt() + ", after the latest tier " + name
                    + " allows (" + latest + ", " + maxLifetime.toDays() + " days)");
        } else if (!verification.expiresAt().isAfter(now)) {
            problems.add("the token expired at " + verification.expiresAt());
        }
        if (classic) {
            Set<String> granted = verification.classicScopes() == null ? Set.of() : verification.classicScopes();
            Set<String> excess = new TreeSet<>();
            for (String scope : granted) {
                if (!ClassicScopes.covers(classicScopes, scope)) {
                    excess.add(scope);
                }
            }
            if (!excess.isEmpty()) {
                problems.add("scopes " + excess + " exceed tier " + name + ", which allows " + new TreeSet<>(classicScopes));
            }
        }
        return problems;
    }
}
