package dev.tokenwarden.events;

import java.time.Instant;

/** A rotation stopped at {@code step}; the previous credential is still in place and valid. */
public record RotationFailed(
        String rotationId,
        String credentialId,
        RotationStep step,
        String reason,
        Boolean retryable,
        Integer attempt,
        Instant failedAt) {

    public RotationFailed {
        Wire.required(rotationId, "rotationId");
        Wire.required(credentialId, "credentialId");
        Wire.required(step, "step");
        Wire.required(reason, "reason");
        Wire.required(retryable, "retryable");
        Wire.required(attempt, "attempt");
        Wire.required(failedAt, "failedAt");
    }
}
