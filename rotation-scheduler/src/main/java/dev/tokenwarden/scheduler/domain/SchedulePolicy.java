package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that decides when a credential is due, built from configuration.
 *
 * @param tiers tier policies by name
 * @param knownApps GitHub App ids an app pool may name
 * @param installationRefreshAfter age at which an installation token (one hour of life) is re-minted
 * @param warningLead how long before a PAT's or key's expiry its rotation falls due (unless overridden)
 * @param warnings how long before expiry each warning incident fires, longest first
 * @param installationConfirmWithin time the broker has to confirm an installation-token rotation
 * @param assistedConfirmWithin time an owner has to upload a new PAT or key before the rotation counts as missed
 * @param maxAttempts emissions of one rotation (the first and its retries) before it is raised as overdue
 * @param jitterShare share of the period by which a rotation is emitted early, spread per credential
 * @param maxJitter cap on that spread
 */
public record SchedulePolicy(
        Map<String, TierPolicy> tiers,
        Set<Long> knownApps,
        Duration installationRefreshAfter,
        Duration warningLead,
        List<Duration> warnings,
        Duration installationConfirmWithin,
        Duration assistedConfirmWithin,
        int maxAttempts,
        double jitterShare,
        Duration maxJitter,
        PacingPolicy pacing) {

    public SchedulePolicy {
        tiers = Map.copyOf(tiers);
        knownApps = Set.copyOf(knownApps);
        warnings = warnings.stream().sorted(Comparator.reverseOrder()).toList();
        if (warnings.size() > 31) {
            throw new IllegalArgumentException("at most 31 warning thresholds");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1");
        }
        if (jitterShare < 0 || jitterShare >= 1) {
            throw new IllegalArgumentException("jitter-share must be in [0, 1)");
        }
    }

    public Optional<TierPolicy> tier(String name) {
        return Optional.ofNullable(tiers.get(name));
    }

    /**
     * The rotation period of an entry: its override, else its tier's; installation tokens use their refresh age. A user
     * token's override is required ({@link InventoryValidator}): its access token lives 8 hours, whatever the tier.
     */
    public Duration period(InventoryEntry entry) {
        if (entry.kind() == CredentialKind.APP_INSTALLATION) {
            return installationRefreshAfter;
        }
        Duration override = entry.policyOverrides().rotationPeriod();
        return override != null ? override : tiers.get(entry.tier()).period();
    }

    public Duration warningLead(InventoryEntry entry) {
        Duration override = entry.policyOverrides().warningLead();
        return override != null ? override : warningLead;
    }

    public Duration confirmWithin(CredentialKind kind) {
        return kind.renewedByBroker() ? installationConfirmWithin : assistedConfirmWithin;
    }

    /**
     * When an entry is next due, before jitter. A credential never rotated is due from the moment it entered
     * the inventory. A PAT or key is due at the earlier of its period and its expiry minus the warning lead; what the
     * broker renews on its own (installation and user tokens) by its period alone.
     */
    public Due due(InventoryEntry entry, Instant since, Instant lastRotatedAt, Instant expiresAt) {
        if (lastRotatedAt == null) {
            return new Due(since, false);
        }
        Instant byPeriod = lastRotatedAt.plus(period(entry));
        if (expiresAt != null && !entry.kind().renewedByBroker()) {
            Instant byExpiry = expiresAt.minus(warningLead(entry));
            if (byExpiry.isBefore(byPeriod)) {
                return new Due(byExpiry, true);
            }
        }
        return new Due(byPeriod, false);
    }

    /** How early a rotation is emitted: a fixed point in [0, min(period * share, max)) per credential, so never late. */
    public Duration jitter(InventoryEntry entry, Instant dueAt) {
        long windowMillis = Math.min((long) (period(entry).toMillis() * jitterShare), maxJitter.toMillis());
        if (windowMillis <= 0) {
            return Duration.ZERO;
        }
        long mixed = entry.id().hashCode() * 0x9E3779B97F4A7C15L ^ dueAt.getEpochSecond();
        return Duration.ofMillis(Math.floorMod(mixed ^ (mixed >>> 29), windowMillis));
    }

    /** @param byExpiry whether the expiry rule, not the period, made it due (the reason is then {@code expiring}) */
    public record Due(Instant at, boolean byExpiry) {
    }
}
