package dev.tokenwarden.events;

import java.time.Instant;

/** One attempt to deliver a notification; {@code deliveryId} is the idempotency key the receiver sees. */
public record DeliveryRecord(
        String deliveryId,
        String incidentKey,
        String receiver,
        Integer attempt,
        DeliveryOutcome outcome,
        Integer statusCode,
        String detail,
        Instant at) {

    public DeliveryRecord {
        Wire.required(deliveryId, "deliveryId");
        Wire.required(incidentKey, "incidentKey");
        Wire.required(receiver, "receiver");
        Wire.required(attempt, "attempt");
        Wire.required(outcome, "outcome");
        Wire.required(at, "at");
    }
}
