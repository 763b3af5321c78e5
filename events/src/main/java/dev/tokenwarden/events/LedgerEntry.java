package dev.tokenwarden.events;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One issued credential value, known only by its SHA-256; {@code ledger} is compacted by the hash.
 * {@code revokeAfter} without {@code revokedAt} is a pending revocation, resumed after a restart. {@code auditLogHash}
 * is how GitHub's audit log names the value, for matching its uses. {@code mintedFrom}: the app installation an
 * installation token was minted from, whose rate limits its revocation counts against; null for other kinds and for
 * entries written before the field existed.
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
        String revokeReason,
        String auditLogHash,
        AppInstallation mintedFrom) {

    /** An entry whose {@code auditLogHash} is derived from {@code valueHash}. */
    public LedgerEntry(String valueHash, String credentialId, CredentialKind kind, String tier, String consumer,
            List<String> repositories, Instant issuedAt, Instant expiresAt, Instant revokeAfter, Instant revokedAt,
            String revokeReason) {
        this(valueHash, credentialId, kind, tier, consumer, repositories, issuedAt, expiresAt, revokeAfter, revokedAt,
                revokeReason, null, null);
    }

    public LedgerEntry {
        Wire.sha256Hex(valueHash, "valueHash");
        Wire.required(credentialId, "credentialId");
        Wire.required(kind, "kind");
        Wire.required(tier, "tier");
        Wire.required(consumer, "consumer");
        Wire.required(issuedAt, "issuedAt");
        repositories = Wire.listOrEmpty(repositories);
        String derived = auditLogHashOf(valueHash);
        if (auditLogHash != null && !auditLogHash.equals(derived)) {
            throw new IllegalArgumentException("auditLogHash is not the base64 form of valueHash");
        }
        auditLogHash = derived;
    }

    /**
     * The {@code hashed_token} GitHub's audit log gives for a use of the value: base64 of the same SHA-256 the hex
     * {@code valueHash} spells ("Identifying audit log events performed by an access token"), so entries written
     * before the field existed match as well.
     */
    public static String auditLogHashOf(String valueHash) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(valueHash));
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
