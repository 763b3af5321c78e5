package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.RotationStep;

/**
 * How a rotation ended.
 *
 * @param vaultVersion the current version after a rotation, null otherwise
 * @param failedStep and {@code failure} only for {@link Outcome#FAILED}
 */
public record RotationResult(Outcome outcome, String rotationId, Long vaultVersion, RotationStep failedStep, String failure,
        boolean retryable) {

    public enum Outcome {
        ROTATED,
        /** A redelivered order whose value was already stored: finished without minting again. */
        RESUMED,
        /** This rotation id already finished: nothing was done. */
        DUPLICATE,
        FAILED,
        /** A PAT rotation waits for its owner to upload the new value. */
        AWAITING_UPLOAD,
        /** App private keys are created in GitHub's UI only; the broker tracks, never rotates them. */
        TRACKED_ONLY
    }

    static RotationResult done(Outcome outcome, String rotationId, Long vaultVersion) {
        return new RotationResult(outcome, rotationId, vaultVersion, null, null, false);
    }

    public boolean succeeded() {
        return outcome == Outcome.ROTATED || outcome == Outcome.RESUMED || outcome == Outcome.DUPLICATE;
    }
}
