package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;

/**
 * One credential's next scheduled step.
 *
 * @param dueAt when its rotation is due (before jitter)
 * @param wakeAt when the scheduler acts next: emits, retries, warns, or (when deferred by pacing) tries again
 * @param status what the scheduler is waiting for
 */
public record Upcoming(String credentialId, CredentialKind kind, String tier, String consumer, Instant dueAt, Instant wakeAt, Status status) {
    public enum Status {
        SCHEDULED,
        REQUESTED,
        AWAITING_CONFIRMATION,
        DEFERRED
    }
}
