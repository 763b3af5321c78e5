package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/**
 * One issued credential value, known only by its SHA-256; {@code ledger} is compacted by the hash.
 * {@code revokeAfter} without {@code revokedAt} is a pending revocation, resumed after a restart.
 */
public record LedgerEntry(
        String valueHash,
        String credentialId,
        CredentialKind kind,
        String tier,
        String consumer,
        List<String> repositories,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokeAfter,
        Instant revokedAt,
        String revokeReason) {

    public LedgerEntry {
        Wire.sha256Hex(valueHash, "valueHash");
        Wire.required(credentialId, "credentialId");
        Wire.required(kind, "kind");
        Wire.required(tier, "tier");
        Wire.required(consumer, "consumer");
        Wire.required(issuedAt, "issuedAt");
        repositories = Wire.listOrEmpty(repositories);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
