package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Matches audit log events to the ledger by GitHub's {@code hashed_token}, publishes each credential's last use on
 * {@code credential.usage}, and raises the usage incidents: a revoked or superseded value still used, a use by an
 * actor or from a repository the credential's entry does not allow, and a credential unused past its tier's window.
 * Which incidents fire is kept in the usage record itself, so each is raised once, also across restarts; an incident
 * is published before the record that remembers it, so a crash between the two repeats it rather than loses it.
 */
public final class UsageMonitor {
    private final Ledger ledger;
    private final UsageBook book;
    private final BrokerEvents events;
    private final UsagePolicy policy;
    private final Clock clock;

    public UsageMonitor(Ledger ledger, UsageBook book, BrokerEvents events, UsagePolicy policy, Clock clock) {
        this.ledger = ledger;
        this.book = book;
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /** Takes in one audit log event; a use of a value the ledger does not know (or no token at all) is ignored. */
    public Optional<CredentialUsage> observe(AuditLog.Event event) {
        if (event.auditLogHash() == null) {
            return Optional.empty();
        }
        Optional<LedgerEntry> issued = ledger.byAuditLogHash(event.auditLogHash());
        if (issued.isEmpty()) {
            return Optional.empty();
        }
        LedgerEntry entry = issued.get();
        Optional<CredentialUsage> known = book.usage(entry.credentialId());
        List<String> firing = new ArrayList<>(known.map(CredentialUsage::firing).orElse(List.of()));
        CredentialTarget target = CredentialTarget.of(entry);
        Instant now = clock.instant();

        if (usedAfterRetirement(entry, event.at())) {
            raise(firing, Incidents.usedAfterRevocation(target, entry, event, now));
        }
        disallowedBy(entry, event).ifPresent(reason -> raise(firing, Incidents.usedOutsideGrant(target, event, reason, now)));
        if (firing.remove(Incidents.UNUSED)) {
            events.incident(Incidents.resolved(Incidents.UNUSED, target, entry.credentialId() + " is in use again", now));
        }

        // events come oldest first: one at the same instant as the last use is the later of the two
        boolean newer = known.map(CredentialUsage::lastUsedAt).map(last -> !event.at().isBefore(last)).orElse(true);
        CredentialUsage usage = newer
                ? new CredentialUsage(entry.credentialId(), entry.valueHash(), event.at(), event.actor(), event.repository(), event.actorIp(),
                        event.action(), firing, stamp(known.map(CredentialUsage::updatedAt), now))
                : withFiring(known.get(), firing, now);
        events.usage(usage);
        book.apply(usage);
        return Optional.of(usage);
    }

    /**
     * Raises {@code credential-unused} for every credential with a current value whose last use (or first issue, if
     * never used) is older than its tier's window. Call it only after the audit log was read up to now.
     */
    public List<String> reportUnused() {
        Instant now = clock.instant();
        List<String> reported = new ArrayList<>();
        for (String credentialId : ledger.credentialIds()) {
            List<LedgerEntry> current = ledger.current(credentialId);
            if (current.isEmpty()) {
                continue;
            }
            LedgerEntry newest = current.getFirst();
            Optional<Duration> window = policy.unusedAfter(newest.tier());
            Optional<CredentialUsage> known = book.usage(credentialId);
            if (window.isEmpty() || known.map(u -> u.firing().contains(Incidents.UNUSED)).orElse(false)) {
                continue;
            }
            Instant firstIssued = ledger.forCredential(credentialId).stream().map(LedgerEntry::issuedAt)
                    .min(Comparator.naturalOrder()).orElse(newest.issuedAt());
            Instant lastActivity = known.map(CredentialUsage::lastUsedAt).filter(at -> at != null && at.isAfter(firstIssued)).orElse(firstIssued);
            if (Duration.between(lastActivity, now).compareTo(window.get()) <= 0) {
                continue;
            }
            events.incident(Incidents.unused(CredentialTarget.of(newest), known.map(CredentialUsage::lastUsedAt).orElse(null), window.get(), now));
            List<String> firing = new ArrayList<>(known.map(CredentialUsage::firing).orElse(List.of()));
            firing.add(Incidents.UNUSED);
            CredentialUsage usage = known.map(u -> withFiring(u, firing, now))
                    .orElseGet(() -> new CredentialUsage(credentialId, null, null, null, null, null, null, firing, now));
            events.usage(usage);
            book.apply(usage);
            reported.add(credentialId);
        }
        return reported;
    }

    /** Records how far the audit log of {@code org} was read; readAt strictly after the last so the book keeps the newest. */
    public AuditLogCursor advance(String org, String after, List<String> seenOnPage) {
        Instant now = clock.instant();
        AuditLogCursor cursor = new AuditLogCursor(org, after, seenOnPage, stamp(book.cursor(org).map(AuditLogCursor::readAt), now));
        events.cursor(cursor);
        book.apply(cursor);
        return cursor;
    }

    /**
     * A value used after it was revoked, or after its overlap window ended (superseded, awaiting the sweep). Uses
     * during the overlap are what the overlap is for.
     */
    private static boolean usedAfterRetirement(LedgerEntry entry, Instant at) {
        return entry.revoked() && at.isAfter(entry.revokedAt()) || entry.revokeAfter() != null && at.isAfter(entry.revokeAfter());
    }

    private Optional<String> disallowedBy(LedgerEntry entry, AuditLog.Event event) {
        if (!policy.allowsActor(entry.consumer(), event.actor())) {
            return Optional.of("actor " + event.actor() + " is not among those allowed for consumer " + entry.consumer());
        }
        if (event.repository() != null && !entry.repositories().isEmpty() && !entry.repositories().contains(event.repository())) {
            return Optional.of("repository " + event.repository() + " is not among the credential's " + entry.repositories());
        }
        return Optional.empty();
    }

    private void raise(List<String> firing, Incident incident) {
        if (!firing.contains(incident.type())) {
            events.incident(incident);
            firing.add(incident.type());
        }
    }

    private static CredentialUsage withFiring(CredentialUsage usage, List<String> firing, Instant now) {
        return new CredentialUsage(usage.credentialId(), usage.valueHash(), usage.lastUsedAt(), usage.actor(), usage.repository(),
                usage.actorIp(), usage.action(), firing, stamp(Optional.of(usage.updatedAt()), now));
    }

    /** {@code now}, or a millisecond after {@code previous} when the clock has not moved past it. */
    private static Instant stamp(Optional<Instant> previous, Instant now) {
        return previous.filter(p -> !now.isAfter(p)).map(p -> p.plusMillis(1)).orElse(now);
    }
}
