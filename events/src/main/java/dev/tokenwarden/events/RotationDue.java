package dev.tokenwarden.events;

import java.time.Instant;

/**
 * The scheduler's order to rotate one credential. {@code rotationId} is a hash of the credential id and
 * the due instant taken before jitter, so every step the broker takes is idempotent on it. The entry
 * travels with the order so the broker needs no inventory of its own. {@code mintFrom}, when present, is the
 * installation of the entry's app pool whose budget the scheduler's pacing took for this order: minting from
 * another would spend an app's secondary-limit budget that the scheduler did not count.
 */
public record RotationDue(
        String rotationId,
        String credentialId,
        Instant dueAt,
        Instant deadline,
        RotationReason reason,
        Integer attempt,
        String requestedBy,
        InventoryEntry entry,
        AppInstallation mintFrom) {

    /** An order that names no installation (none paced, or not an app-installation credential). */
    public RotationDue(String rotationId, String credentialId, Instant dueAt, Instant deadline, RotationReason reason, Integer attempt,
                       String requestedBy, InventoryEntry entry) {
        this(rotationId, credentialId, dueAt, deadline, reason, attempt, requestedBy, entry, null);
    }

    public RotationDue {
        Wire.required(rotationId, "rotationId");
        Wire.required(credentialId, "credentialId");
        Wire.required(dueAt, "dueAt");
        Wire.required(deadline, "deadline");
        Wire.required(reason, "reason");
        Wire.required(attempt, "attempt");
        Wire.required(requestedBy, "requestedBy");
        Wire.required(entry, "entry");
        if (!entry.id().equals(credentialId)) {
            throw new IllegalArgumentException("entry.id '" + entry.id() + "' differs from credentialId '" + credentialId + "'");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more");
        }
        if (mintFrom != null && !entry.appPool().contains(mintFrom)) {
            throw new IllegalArgumentException("mintFrom " + mintFrom.key() + " is not in the entry's app pool");
        }
    }
}
