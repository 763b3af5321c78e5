package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.LedgerEntry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every value the broker issued, by SHA-256, rebuilt from the compacted {@code ledger} topic at start.
 * A revocation once seen is never undone by an older record arriving later.
 */
public final class Ledger {
    private static final Comparator<LedgerEntry> NEWEST_FIRST = Comparator.comparing(LedgerEntry::issuedAt).reversed();

    private final Map<String, LedgerEntry> byHash = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> hashesByCredential = new ConcurrentHashMap<>();
    private final Map<String, String> hashByAuditLogHash = new ConcurrentHashMap<>();
    private final BrokerEvents events;

    public Ledger(BrokerEvents events) {
        this.events = events;
    }

    /** Publishes the entry on {@code ledger}, then remembers it. */
    public void record(LedgerEntry entry) {
        events.ledger(entry);
        apply(entry);
    }

    /** Takes in an entry read back from the topic (this replica's or another's). */
    public void apply(LedgerEntry entry) {
        byHash.merge(entry.valueHash(), entry, Ledger::newer);
        hashesByCredential.computeIfAbsent(entry.credentialId(), id -> ConcurrentHashMap.newKeySet()).add(entry.valueHash());
        hashByAuditLogHash.put(entry.auditLogHash(), entry.valueHash());
    }

    private static LedgerEntry newer(LedgerEntry known, LedgerEntry incoming) {
        if (known.revoked() && !incoming.revoked()) {
            return known;
        }
        if (known.revokeAfter() != null && incoming.revokeAfter() == null && !incoming.revoked()) {
            return known;
        }
        return incoming;
    }

    public Optional<LedgerEntry> byHash(String valueHash) {
        return Optional.ofNullable(byHash.get(valueHash));
    }

    /** The entry of the value GitHub's audit log names by {@code hashed_token}. */
    public Optional<LedgerEntry> byAuditLogHash(String auditLogHash) {
        return Optional.ofNullable(hashByAuditLogHash.get(auditLogHash)).map(byHash::get);
    }

    /** A credential's values, newest first. */
    public List<LedgerEntry> forCredential(String credentialId) {
        return hashesByCredential.getOrDefault(credentialId, Set.of()).stream()
                .map(byHash::get)
                .sorted(NEWEST_FIRST)
                .toList();
    }

    public List<LedgerEntry> matching(Predicate<LedgerEntry> filter) {
        return byHash.values().stream().filter(filter).sorted(NEWEST_FIRST).toList();
    }

    /** Entries whose revoke-after has passed and that are not revoked yet. */
    public List<LedgerEntry> pendingRevocations(Instant now) {
        return matching(e -> !e.revoked() && e.revokeAfter() != null && !e.revokeAfter().isAfter(now));
    }

    /** The credential's values that are neither revoked nor scheduled for revocation: normally exactly one. */
    public List<LedgerEntry> current(String credentialId) {
        return forCredential(credentialId).stream().filter(e -> !e.revoked() && e.revokeAfter() == null).toList();
    }

    public Set<String> credentialIds() {
        return Set.copyOf(hashesByCredential.keySet());
    }

    public int size() {
        return byHash.size();
    }

    public static LedgerEntry withRevokeAfter(LedgerEntry e, Instant revokeAfter) {
        return new LedgerEntry(e.valueHash(), e.credentialId(), e.kind(), e.tier(), e.consumer(), e.repositories(),
                e.issuedAt(), e.expiresAt(), revokeAfter, e.revokedAt(), e.revokeReason(), e.auditLogHash(), e.mintedFrom());
    }

    public static LedgerEntry withRevoked(LedgerEntry e, Instant revokedAt, String reason) {
        return new LedgerEntry(e.valueHash(), e.credentialId(), e.kind(), e.tier(), e.consumer(), e.repositories(),
                e.issuedAt(), e.expiresAt(), e.revokeAfter() == null ? revokedAt : e.revokeAfter(), revokedAt, reason, e.auditLogHash(),
                e.mintedFrom());
    }
}
