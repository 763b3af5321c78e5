package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.LedgerEntry;
import java.time.Instant;

/** A ledger entry as the credential page shows it: the value's hash and dates, never the value. */
public record LedgerLine(String valueHash, Instant issuedAt, Instant expiresAt, Instant revokeAfter, Instant revokedAt,
        String revokeReason) {

    static LedgerLine of(LedgerEntry entry) {
        return new LedgerLine(entry.valueHash(), entry.issuedAt(), entry.expiresAt(), entry.revokeAfter(), entry.revokedAt(),
                entry.revokeReason());
    }

    /** Enough of the hash to tell entries apart and to search the ledger topic for the whole one. */
    public String shortHash() {
        return valueHash.substring(0, 12);
    }

    public String state() {
        if (revokedAt != null) {
            return "revoked";
        }
        return revokeAfter != null ? "revocation pending" : "current";
    }
}
