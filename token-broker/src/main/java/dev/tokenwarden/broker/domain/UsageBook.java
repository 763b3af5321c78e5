package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialUsage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each credential's last known use and the audit-log cursor of each organisation, rebuilt from the compacted
 * {@code credential.usage} topic at start and followed afterwards.
 */
public final class UsageBook {
    private final Map<String, CredentialUsage> usage = new ConcurrentHashMap<>();
    private final Map<String, AuditLogCursor> cursors = new ConcurrentHashMap<>();

    /** Keeps {@code incoming} unless the known record was written later (a replica's older write arriving late). */
    public void apply(CredentialUsage incoming) {
        usage.merge(incoming.credentialId(), incoming, (known, next) -> next.updatedAt().isBefore(known.updatedAt()) ? known : next);
    }

    public void apply(AuditLogCursor incoming) {
        cursors.merge(incoming.org(), incoming, (known, next) -> next.readAt().isBefore(known.readAt()) ? known : next);
    }

    public Optional<CredentialUsage> usage(String credentialId) {
        return Optional.ofNullable(usage.get(credentialId));
    }

    public Optional<AuditLogCursor> cursor(String org) {
        return Optional.ofNullable(cursors.get(org));
    }
}
