package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The default policy of application.properties, without jitter unless asked, and entries to schedule. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final long APP = 101;

    private Fixtures() {
    }

    public static SchedulePolicy policy() {
        return policy(0.0, pacing());
    }

    /** The service's pacing but for the per-app budget, unbounded here: tests of it set their own. */
    public static PacingPolicy pacing() {
        return new PacingPolicy(0.2, 0.8, 0.1, 0.25, 0.5, 0.9, 3, 60, 30, Integer.MAX_VALUE);
    }

    public static SchedulePolicy policy(double jitterShare, PacingPolicy pacing) {
        return new SchedulePolicy(
                Map.of("read", tier("read", 180), "write_packages", tier("write_packages", 90), "workflow", tier("workflow", 60),
                        "deployment", tier("deployment", 30),
                        "auditor", new TierPolicy("auditor", Duration.ofDays(30), true)),
                Set.of(APP, 102L),
                Duration.ofMinutes(45), Duration.ofDays(14), List.of(Duration.ofDays(1), Duration.ofDays(14), Duration.ofDays(7)),
                Duration.ofMinutes(10), Duration.ofDays(7), 3, jitterShare, Duration.ofHours(6), pacing);
    }

    private static TierPolicy tier(String name, int days) {
        return new TierPolicy(name, Duration.ofDays(days), false);
    }

    public static InventoryEntry pat(String id, String tier) {
        return new InventoryEntry(id, CredentialKind.CLASSIC_PAT, tier, "acme", "team-" + tier, List.of("acme/" + id),
                List.of(), "owner@acme.test", PolicyOverrides.NONE);
    }

    public static InventoryEntry installation(String id, String tier, long installationId) {
        return new InventoryEntry(id, CredentialKind.APP_INSTALLATION, tier, "acme", "ci", List.of("acme/api", "acme/web"),
                List.of(new AppInstallation(APP, installationId)), "platform@acme.test", PolicyOverrides.NONE);
    }

    public static CredentialState rotated(String id, Instant at, Instant expiresAt, String rotationId) {
        return new CredentialState(id, CredentialStatus.HEALTHY, 1L, at, expiresAt, rotationId, at);
    }
}
