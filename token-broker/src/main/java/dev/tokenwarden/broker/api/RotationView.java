package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.domain.RotationResult;

/** How an upload's rotation ended. */
public record RotationView(String rotationId, RotationResult.Outcome outcome, Long vaultVersion) {
    static RotationView of(RotationResult result) {
        return new RotationView(result.rotationId(), result.outcome(), result.vaultVersion());
    }
}
