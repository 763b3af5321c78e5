package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.TokenRevoked;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Revoking issued values: superseded ones once their revoke-after has passed (the sweep, which also
 * resumes pending revocations after a restart), exposed ones at once, and whatever an operator's revoke
 * or kill switch names. The value to revoke is found in Vault by its hash among the path's recent versions.
 */
public final class Revocations {
    public static final String SUPERSEDED = "superseded";
    public static final String EXPOSED = "exposed";
    public static final String EXPIRED = "expired";

    private final SecretStore store;
    private final Revoker revoker;
    private final Ledger ledger;
    private final CredentialStates states;
    private final BrokerEvents events;
    private final Clock clock;
    private final int versionsSearched;
    private final int failuresBeforeIncident;
    private final Map<String, Integer> failuresByHash = new ConcurrentHashMap<>();

    public Revocations(SecretStore store, Revoker revoker, Ledger ledger, CredentialStates states, BrokerEvents events,
            Clock clock, int versionsSearched, int failuresBeforeIncident) {
        this.store = store;
        this.revoker = revoker;
        this.ledger = ledger;
        this.states = states;
        this.events = events;
        this.clock = clock;
        this.versionsSearched = versionsSearched;
        this.failuresBeforeIncident = failuresBeforeIncident;
    }

    /** How the revocation of one value ended; {@code detail} explains a failure. */
    public record Revocation(String credentialId, String valueHash, Outcome outcome, String detail) {
        public enum Outcome { REVOKED, EXPIRED, ALREADY_REVOKED, FAILED }
    }

    public enum ExposureOutcome { REVOKED, REVOCATION_PENDING, ALREADY_REVOKED, NOT_OURS }

    /** Revokes every pending revocation that is due; a failure stays pending for the next sweep. */
    public List<Revocation> sweep() {
        List<Revocation> results = new ArrayList<>();
        for (LedgerEntry entry : ledger.pendingRevocations(clock.instant())) {
            Revocation result = revokeNow(entry, entry.revokeReason() == null ? SUPERSEDED : entry.revokeReason());
            results.add(result);
            trackFailures(entry, result);
        }
        return results;
    }

    /** Revokes, now, every value that is not revoked yet and matches (an operator's revoke or kill switch). */
    public List<Revocation> revokeMatching(Predicate<LedgerEntry> match, String reason) {
        List<Revocation> results = new ArrayList<>();
        for (LedgerEntry entry : ledger.matching(e -> !e.revoked() && match.test(e))) {
            results.add(revokeNow(entry, reason));
        }
        return results;
    }

    /**
     * A leaked value: raise a critical incident, revoke it now (or leave it pending for the sweep when
     * GitHub cannot be told) and mark the credential revoked so the scheduler replaces it.
     */
    public ExposureOutcome exposed(CredentialExposed exposure) {
        Optional<LedgerEntry> found = ledger.byHash(exposure.valueHash());
        if (found.isEmpty()) {
            return ExposureOutcome.NOT_OURS;
        }
        LedgerEntry entry = found.get();
        if (entry.revoked()) {
            return ExposureOutcome.ALREADY_REVOKED;
        }
        Instant now = clock.instant();
        events.incident(Incidents.exposed(entry, exposure, now));
        Revocation result = revokeNow(entry, EXPOSED);
        if (result.outcome() == Revocation.Outcome.FAILED) {
            ledger.record(Ledger.withRevokeAfter(entry, now));
            if (ledger.current(entry.credentialId()).isEmpty()) {
                markCredentialRevoked(entry.credentialId(), now);
            }
            return ExposureOutcome.REVOCATION_PENDING;
        }
        return ExposureOutcome.REVOKED;
    }

    private Revocation revokeNow(LedgerEntry entry, String reason) {
        Instant now = clock.instant();
        if (entry.expiresAt() != null && !entry.expiresAt().isAfter(now)) {
            markRevoked(entry, EXPIRED, now);
            return new Revocation(entry.credentialId(), entry.valueHash(), Revocation.Outcome.EXPIRED, null);
        }
        try {
            Secret value = findValue(entry).orElseThrow(() -> new BrokerFailure("the value is no longer among the last "
                    + versionsSearched + " versions at " + vaultPath(entry), false));
            revoker.revoke(entry.kind(), value, organisations(entry.repositories()), entry.mintedFrom());
            markRevoked(entry, reason, now);
            return new Revocation(entry.credentialId(), entry.valueHash(), Revocation.Outcome.REVOKED, null);
        } catch (BrokerFailure failure) {
            return new Revocation(entry.credentialId(), entry.valueHash(), Revocation.Outcome.FAILED,
                    TokenShapes.redact(failure.getMessage()));
        }
    }

    private Optional<Secret> findValue(LedgerEntry entry) {
        String path = vaultPath(entry);
        Optional<StoredSecret> current = store.current(path);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        long newest = current.get().version();
        for (long version = newest; version >= 1 && version > newest - versionsSearched; version--) {
            Optional<StoredSecret> candidate = version == newest ? current : store.version(path, version);
            Optional<Secret> match = candidate.map(c -> c.data().token()).filter(t -> t.sha256().equals(entry.valueHash()));
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    /** The owners of {@code owner/name} repositories (a bare name has none). */
    static Set<String> organisations(List<String> repositories) {
        return repositories.stream().filter(r -> r.indexOf('/') > 0).map(r -> r.substring(0, r.indexOf('/')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String vaultPath(LedgerEntry entry) {
        return CredentialTarget.vaultPath(entry.tier(), entry.consumer(), entry.credentialId());
    }

    private void markRevoked(LedgerEntry entry, String reason, Instant now) {
        ledger.record(Ledger.withRevoked(entry, now, reason));
        events.revoked(new TokenRevoked(entry.credentialId(), entry.valueHash(), reason, now));
        if (ledger.current(entry.credentialId()).isEmpty()) {
            markCredentialRevoked(entry.credentialId(), now);
        }
    }

    private void markCredentialRevoked(String credentialId, Instant now) {
        Optional<CredentialState> known = states.get(credentialId);
        states.record(new CredentialState(credentialId, CredentialStatus.REVOKED,
                known.map(CredentialState::vaultVersion).orElse(null),
                known.map(CredentialState::lastRotatedAt).orElse(null),
                known.map(CredentialState::expiresAt).orElse(null),
                known.map(CredentialState::lastRotationId).orElse(null), now));
    }

    private void trackFailures(LedgerEntry entry, Revocation result) {
        CredentialTarget target = CredentialTarget.of(entry);
        Instant now = clock.instant();
        if (result.outcome() == Revocation.Outcome.FAILED) {
            if (failuresByHash.merge(entry.valueHash(), 1, Integer::sum) == failuresBeforeIncident) {
                events.incident(Incidents.revocationFailed(target, result.detail(), now));
            }
        } else {
            Integer failures = failuresByHash.remove(entry.valueHash());
            if (failures != null && failures >= failuresBeforeIncident) {
                events.incident(Incidents.resolved(Incidents.REVOCATION_FAILED, target,
                        "Revoking a superseded value of " + entry.credentialId() + " succeeded", now));
            }
        }
    }
}
