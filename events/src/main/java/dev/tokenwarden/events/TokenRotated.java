package dev.tokenwarden.events;

import java.time.Instant;

/** A rotation finished: the new value is stored, proven and current. Carries its hash, never the value. */
public record TokenRotated(
        String rotationId,
        String credentialId,
        String vaultPath,
        Long vaultVersion,
        Instant expiresAt,
        String valueHash,
        Instant rotatedAt) {

    public TokenRotated {
        Wire.required(rotationId, "rotationId");
        Wire.required(credentialId, "credentialId");
        Wire.required(vaultPath, "vaultPath");
        Wire.required(vaultVersion, "vaultVersion");
        Wire.sha256Hex(valueHash, "valueHash");
        Wire.required(rotatedAt, "rotatedAt");
    }
}
