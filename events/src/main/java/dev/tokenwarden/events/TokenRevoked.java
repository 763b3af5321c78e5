package dev.tokenwarden.events;

import java.time.Instant;

/** A credential value was revoked at GitHub (or found already expired). */
public record TokenRevoked(String credentialId, String valueHash, String reason, Instant revokedAt) {
    public TokenRevoked {
        Wire.required(credentialId, "credentialId");
        Wire.sha256Hex(valueHash, "valueHash");
        Wire.required(reason, "reason");
        Wire.required(revokedAt, "revokedAt");
    }
}
