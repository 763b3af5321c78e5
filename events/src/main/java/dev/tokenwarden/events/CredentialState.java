package dev.tokenwarden.events;

import java.time.Instant;

/** The broker's view of one credential; {@code credential.state} is compacted by credential id. */
public record CredentialState(
        String credentialId,
        CredentialStatus status,
        Long vaultVersion,
        Instant lastRotatedAt,
        Instant expiresAt,
        String lastRotationId,
        Instant updatedAt) {

    public CredentialState {
        Wire.required(credentialId, "credentialId");
        Wire.required(status, "status");
        Wire.required(updatedAt, "updatedAt");
    }
}
