package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.RotationReason;
import java.time.Instant;

/** One line of a credential's rotation history: an emission, its confirmation by the broker, or its escalation. */
public record RotationRecord(String rotationId, Event event, RotationReason reason, int attempt, Instant dueAt, Instant at) {
    public enum Event {
        EMITTED,
        CONFIRMED,
        OVERDUE
    }
}
