package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;
import java.util.List;

/**
 * What a manual or emergency rotation would do if requested at {@code at}, worked out without requesting it: which
 * credentials, from which app installation's budget, and when each would be emitted as pacing stands now.
 *
 * @param credentials every credential the selector matches
 * @param unplanned those that would find no mint budget within the preview's horizon
 * @param lastEmissionAt when the last planned one would be emitted; null when none is planned
 * @param rotations the planned rotations, soonest first, at most the limit asked for
 */
public record RotationPreview(Instant at, int credentials, int unplanned, Instant lastEmissionAt,
                              List<InstallationLoad> installations, List<PlannedRotation> rotations) {

    /**
     * @param ownedHere whether this replica would emit it (another replica owns its partition otherwise)
     * @param currentStatus what the schedule is waiting for now
     * @param installation the budget key it would mint from: {@code <appId>/<installationId>}, or {@code unpooled}
     * @param estimatedAt when it would be emitted; null when it is unplanned
     */
    public record PlannedRotation(String credentialId, CredentialKind kind, String tier, String consumer, boolean ownedHere,
                                  Upcoming.Status currentStatus, String installation, Instant estimatedAt) {
    }

    /** One installation's share of the plan, with the pacing it was planned under. */
    public record InstallationLoad(String installation, int rotations, PacingMode mode, int budgetPerMinute, Integer remaining,
                                   Integer limit, Instant resetAt) {
    }
}
