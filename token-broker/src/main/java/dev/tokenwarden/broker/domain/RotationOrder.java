package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.RotationReason;

/** One rotation of one credential, keyed by the scheduler's rotation id. */
public record RotationOrder(String rotationId, CredentialTarget target, int attempt, RotationReason reason) {
}
