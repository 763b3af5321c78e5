package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Checks inventory entries against the tier policies and known apps before anything is written. */
public final class InventoryValidator {
    /** The id becomes a Vault path segment and a Kafka key: keep it to a safe alphabet. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");
    /** GitHub's user access tokens (ghu_) live 8 hours; a refresh must come before. */
    private static final Duration USER_ACCESS_TOKEN_LIFE = Duration.ofHours(8);

    private final SchedulePolicy policy;

    public InventoryValidator(SchedulePolicy policy) {
        this.policy = policy;
    }

    /** Checks a batch (a whole file, or one REST change): every entry, and that no id appears twice. */
    public void requireValid(List<InventoryEntry> entries) {
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InventoryEntry entry : entries) {
            violations.addAll(check(entry));
            if (!seen.add(entry.id())) {
                violations.add(new Violation(entry.id(), "id", "duplicate id"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InventoryRejectedException(violations);
        }
    }

    public List<Violation> check(InventoryEntry entry) {
        List<Violation> violations = new ArrayList<>();
        String id = entry.id();
        if (!ID.matcher(id).matches()) {
            violations.add(new Violation(id, "id", "must be 1 to 128 of A-Z a-z 0-9 . _ - and start with a letter or digit"));
        }
        TierPolicy tier = policy.tiers().get(entry.tier());
        if (tier == null) {
            violations.add(new Violation(id, "tier", "unknown tier '" + entry.tier() + "'; known: " + new TreeSet<>(policy.tiers().keySet())));
        } else if (tier.internal() && entry.kind() != CredentialKind.APP_INSTALLATION) {
            violations.add(new Violation(id, "kind", "internal tier '" + tier.name() + "' holds app-installation tokens only"));
        }
        for (int i = 0; i < entry.repositories().size(); i++) {
            String repository = entry.repositories().get(i);
            if (repository == null || !REPOSITORY.matcher(repository).matches()) {
                violations.add(new Violation(id, "repositories[" + i + "]", "must be owner/name, was '" + repository + "'"));
            }
        }
        if (entry.kind() == CredentialKind.APP_INSTALLATION && entry.appPool().isEmpty()) {
            violations.add(new Violation(id, "appPool", "an app-installation credential needs at least one app installation"));
        }
        if (entry.kind() == CredentialKind.APP_USER_TOKEN) {
            if (entry.appPool().size() != 1) {
                violations.add(new Violation(id, "appPool", "an app-user-token credential names exactly one app: the one its user authorised"));
            }
            Duration period = entry.policyOverrides().rotationPeriod();
            if (period == null || period.compareTo(USER_ACCESS_TOKEN_LIFE) >= 0) {
                violations.add(new Violation(id, "policyOverrides.rotationPeriod",
                        "an app-user-token needs a rotation period under 8h, the life of GitHub's user access tokens"));
            }
        }
        for (int i = 0; i < entry.appPool().size(); i++) {
            AppInstallation installation = entry.appPool().get(i);
            if (!policy.knownApps().contains(installation.appId())) {
                violations.add(new Violation(id, "appPool[" + i + "].appId", "app " + installation.appId() + " is not a known GitHub App; known: "
                        + new TreeSet<>(policy.knownApps())));
            }
        }
        PolicyOverrides overrides = entry.policyOverrides();
        requirePositive(id, "policyOverrides.rotationPeriod", overrides.rotationPeriod(), violations);
        requirePositive(id, "policyOverrides.warningLead", overrides.warningLead(), violations);
        if (Boolean.TRUE.equals(overrides.workflowsWrite()) && !"workflow".equals(entry.tier())) {
            violations.add(new Violation(id, "policyOverrides.workflowsWrite", "only a workflow-tier credential may be granted workflows:write"));
        }
        return violations;
    }

    private static void requirePositive(String id, String field, Duration value, List<Violation> violations) {
        if (value != null && (value.isNegative() || value.isZero())) {
            violations.add(new Violation(id, field, "must be a positive duration, was " + value));
        }
    }
}
