package dev.tokenwarden.events;

import java.time.Instant;

/**
 * A manual or emergency rotation asked of the scheduler. Every scheduler replica reads every request and
 * schedules the matching credentials it owns, so the request is durable and covers the whole inventory
 * whichever replica took it. Rotations it causes are emitted as {@code rotation.due}, still paced, each
 * with the rotation id of its credential and {@code requestedAt}.
 *
 * @param value the credential id, tier, repository ({@code owner/name}) or consumer; absent for {@link RotationScope#ALL}
 *              (the scheduler refuses a request of another scope without one)
 */
public record RotationRequested(
        String requestId,
        RotationScope scope,
        String value,
        RotationReason reason,
        String requestedBy,
        Instant requestedAt) {

    public RotationRequested {
        Wire.required(requestId, "requestId");
        Wire.required(scope, "scope");
        Wire.required(reason, "reason");
        if (reason != RotationReason.MANUAL && reason != RotationReason.EMERGENCY) {
            throw new IllegalArgumentException("a requested rotation is manual or emergency, not " + reason);
        }
        Wire.required(requestedBy, "requestedBy");
        Wire.required(requestedAt, "requestedAt");
    }
}
