package dev.tokenwarden.scheduler.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationRequested;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schedule of every credential this replica owns, rebuilt from events alone: inventory entries,
 * {@code credential.state}, {@code github.ratelimit} and the {@code rotation.due} records already emitted.
 *
 * <p>Each owned credential sits in a queue ordered by the next instant it needs attention, so a pass
 * touches only what is due and costs nothing for the rest. A credential has at most one outstanding
 * rotation; it is confirmed when {@code credential.state} names its rotation id or reports a rotation at
 * or after its due instant, and until then it is retried on its deadline and finally raised as overdue.
 *
 * <p>Thread-safe: every method is synchronized; a pass over 100,000 idle credentials takes microseconds.
 */
public final class Schedule {
    public static final String REQUESTED_BY_SCHEDULE = "rotation-scheduler";
    private static final int HISTORY_LIMIT = 20;
    /** How far ahead a preview plans mints: as long as a rotation request is kept. */
    static final Duration PREVIEW_HORIZON = Duration.ofDays(7);

    private final SchedulePolicy policy;
    private final Pacing pacing;
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final WakeQueue queue = new WakeQueue();
    private final Set<Integer> ownedPartitions = new HashSet<>();
    private int partitionCount;
    private final Map<String, String> interned = new HashMap<>();
    private final Map<List<AppInstallation>, List<String>> budgetKeysByPool = new HashMap<>();
    /** Credentials whose overdue incident is firing: few, so counting them by tier is cheap enough for every scrape. */
    private final Set<Tracked> overdue = new HashSet<>();
    private final List<RotationRequested> requests = new ArrayList<>();
    private boolean ownsEverything;

    public Schedule(SchedulePolicy policy) {
        this.policy = policy;
        this.pacing = new Pacing(policy.pacing());
        // Entries then share the policy's own tier names, so looking up their tier compares references, not bytes.
        policy.tiers().keySet().forEach(this::intern);
    }

    public SchedulePolicy policy() {
        return policy;
    }

    // ---- ownership

    /** A single replica, or a test: every partition is this replica's. */
    public synchronized void ownEverything() {
        ownsEverything = true;
        shareBudgets();
        rescheduleAll();
    }

    /** {@code partitions} of the inventory topic's {@code partitionCount} are now this replica's, and its part of every mint budget with them. */
    public synchronized void assign(Collection<Integer> partitions, int partitionCount) {
        ownedPartitions.addAll(partitions);
        this.partitionCount = partitionCount;
        shareBudgets();
        rescheduleAll();
    }

    public synchronized void revoke(Collection<Integer> partitions) {
        ownedPartitions.removeAll(partitions);
        shareBudgets();
        rescheduleAll();
    }

    /** This replica's part of every mint budget: the whole when it owns everything, else its share of the partitions. */
    private void shareBudgets() {
        if (ownsEverything) {
            pacing.replicaShare(1, 1);
        } else {
            pacing.replicaShare(ownedPartitions.size(), partitionCount);
        }
    }

    public synchronized Set<Integer> ownedPartitions() {
        return Set.copyOf(ownedPartitions);
    }

    // ---- inputs

    /**
     * An inventory entry from partition {@code partition} of the inventory topic, written at {@code writtenAt};
     * a credential never rotated is due from the first time it was seen. Returns the warnings it resolves: those of
     * a rotation {@code credential.state} reported before the entry was read (both are read from the start after a restart).
     */
    public synchronized List<Incident> upsert(InventoryEntry entry, int partition, Instant writtenAt) {
        Tracked t = track(entry.id());
        unqueue(t);
        t.entry = compact(t.id, entry);
        t.budgetKeys = budgetKeysByPool.computeIfAbsent(entry.appPool(), Schedule::budgetKeys);
        t.partition = partition;
        if (t.since == null) {
            t.since = writtenAt;
        }
        enqueue(t);
        return resolveReplacedWarnings(t, writtenAt);
    }

    /** A tombstone: the credential leaves the inventory and the schedule. */
    public synchronized void remove(String credentialId) {
        Tracked t = tracked.remove(credentialId);
        if (t != null) {
            unqueue(t);
            overdue.remove(t);
        }
    }

    /** The broker's view of a credential; returns the incidents its rotation resolves. */
    public synchronized List<Incident> onState(CredentialState state, Instant now) {
        Tracked t = track(state.credentialId());
        unqueue(t);
        if (t.expiresAt != null && !sameInstant(t.expiresAt, state.expiresAt())) {
            // A new expiry: the credential was rotated. The warnings its old expiry had crossed by then were raised,
            // by this replica or by one before a restart that left no trace here, so they are resolved now.
            Instant rotatedAt = state.lastRotatedAt() != null ? state.lastRotatedAt() : state.updatedAt();
            t.warned |= crossed(t.expiresAt, rotatedAt);
            t.warnedExpiry = t.expiresAt;
        }
        t.lastRotatedAt = state.lastRotatedAt();
        t.expiresAt = state.expiresAt();
        t.lastRotationId = state.lastRotationId();
        List<Incident> incidents = new ArrayList<>(resolveReplacedWarnings(t, now));
        if (t.emission != null && confirms(t, t.emission)) {
            record(t, new RotationRecord(t.emission.rotationId, RotationRecord.Event.CONFIRMED, t.emission.reason, t.emission.attempt,
                    t.emission.dueAt, state.lastRotatedAt() != null ? state.lastRotatedAt() : state.updatedAt()));
            if (t.overdueFiring && t.entry != null) {
                incidents.add(Incidents.overdue(t.entry, IncidentStatus.RESOLVED, t.emission.rotationId, t.emission.attempt,
                        t.emission.deadline, now));
            }
            t.emission = null;
            setOverdue(t, false);
            t.deferredUntil = null;
        }
        enqueue(t);
        return incidents;
    }

    public synchronized Optional<Incident> onRateLimit(RateLimitObservation observation, Instant now) {
        return pacing.observe(observation, now);
    }

    /**
     * A {@code rotation.due} record read back from the topic (this replica's or another's, before or after a
     * restart). Remembering it is what keeps a restarted or newly assigned replica from emitting it again.
     */
    public synchronized void onEmitted(RotationDue due, Instant emittedAt) {
        Tracked t = track(due.credentialId());
        Emission seen = new Emission(due.rotationId(), due.dueAt(), due.deadline(), due.attempt(), due.reason(), due.requestedBy());
        record(t, new RotationRecord(seen.rotationId, RotationRecord.Event.EMITTED, seen.reason, seen.attempt, seen.dueAt, emittedAt));
        if (confirms(t, seen)) {
            return;
        }
        Emission current = t.emission;
        boolean newer = current == null
                || (current.rotationId.equals(seen.rotationId) ? seen.attempt > current.attempt : seen.dueAt.isAfter(current.dueAt));
        if (newer) {
            unqueue(t);
            t.emission = seen;
            if (t.pending != null && !seen.dueAt.isBefore(t.pending.at)) {
                t.pending = null;
            }
            enqueue(t);
        }
    }

    /**
     * A manual or emergency request read from {@code rotation.requests} (any replica's, before or after a restart).
     * It is applied by the next pass, when the inventory it selects from has been read: every matching credential,
     * owned or not, is marked, so whichever replica owns it now or later emits it once.
     */
    public synchronized void onRequested(RotationRequested request) {
        requests.add(request);
    }

    /** The ids of every credential in the catalogue the selector matches, sorted. */
    public synchronized List<String> matching(RotationSelector selector) {
        List<String> matched = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.entry != null && selector.matches(t.entry)) {
                matched.add(t.id);
            }
        }
        matched.sort(null);
        return matched;
    }

    /**
     * What a request for {@code selector} at {@code now} would emit, from which installation's budget and when,
     * changing nothing: no mark, no budget taken. Credentials are planned in id order; {@code limit} bounds the
     * rotations listed, not the ones counted.
     */
    public synchronized RotationPreview preview(RotationSelector selector, Instant now, int limit) {
        List<Tracked> selected = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (t.entry != null && selector.matches(t.entry)) {
                selected.add(t);
            }
        }
        selected.sort(Comparator.comparing(t -> t.id));
        List<Optional<Pacing.PlannedMint>> plan = pacing.plan(selected.stream().map(t -> t.budgetKeys).toList(), now, PREVIEW_HORIZON);
        List<RotationPreview.PlannedRotation> rotations = new ArrayList<>();
        Map<String, Integer> perInstallation = new TreeMap<>();
        int unplanned = 0;
        Instant last = null;
        for (int i = 0; i < selected.size(); i++) {
            Tracked t = selected.get(i);
            Optional<Pacing.PlannedMint> mint = plan.get(i);
            if (mint.isEmpty()) {
                unplanned++;
            } else {
                perInstallation.merge(mint.get().installation(), 1, Integer::sum);
                last = last == null || mint.get().at().isAfter(last) ? mint.get().at() : last;
            }
            rotations.add(new RotationPreview.PlannedRotation(t.id, t.entry.kind(), t.entry.tier(), t.entry.consumer(), owns(t),
                    upcoming(t).status(), mint.map(Pacing.PlannedMint::installation).orElse(null),
                    mint.map(Pacing.PlannedMint::at).orElse(null)));
        }
        rotations.sort(Comparator.comparing(RotationPreview.PlannedRotation::estimatedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        Map<String, Pacing.InstallationPacing> pacingNow = new HashMap<>();
        pacing.snapshot(now).forEach(p -> pacingNow.put(p.installation(), p));
        List<RotationPreview.InstallationLoad> loads = new ArrayList<>();
        perInstallation.forEach((installation, count) -> {
            Pacing.InstallationPacing p = pacingNow.get(installation);
            loads.add(new RotationPreview.InstallationLoad(installation, count, pacing.mode(installation, now),
                    pacing.budgetPerMinute(installation, now), p == null ? null : p.remaining(), p == null ? null : p.limit(),
                    p == null ? null : p.resetAt()));
        });
        return new RotationPreview(now, selected.size(), unplanned, last, loads, List.copyOf(rotations.subList(0, Math.min(limit, rotations.size()))));
    }

    // ---- the pass

    /** Emits what is due at {@code now}, retries what is unconfirmed past its deadline, raises and resolves incidents. */
    public synchronized PassResult pass(Instant now) {
        applyRequests();
        List<Tracked> due = queue.pollDue(now);
        List<RotationDue> rotations = new ArrayList<>(due.size());
        List<Incident> incidents = new ArrayList<>();
        int deferred = 0;
        for (Tracked t : due) {
            t.wakeAt = null;
            warn(t, now, incidents);
            if (!act(t, now, rotations, incidents)) {
                t.deferredUntil = pacing.nextChance(t.budgetKeys, now);
                deferred++;
            }
            enqueue(t);
        }
        return new PassResult(rotations, incidents, deferred);
    }

    /**
     * Marks every credential a request selects, unless the rotation it asks for has already happened: emitted
     * under the request's rotation id (read back from {@code rotation.due}) or rotated since the request.
     */
    private void applyRequests() {
        for (RotationRequested request : requests) {
            RotationSelector selector = RotationSelector.of(request);
            Instant at = request.requestedAt();
            for (Tracked t : tracked.values()) {
                if (t.entry == null || !selector.matches(t.entry) || (t.lastRotatedAt != null && !t.lastRotatedAt.isBefore(at))
                        || emitted(t, RotationIds.of(t.idUtf8, at))) {
                    continue;
                }
                unqueue(t);
                t.pending = new Request(request.reason(), request.requestedBy(), at);
                t.deferredUntil = null;
                enqueue(t);
            }
        }
        requests.clear();
    }

    private static boolean emitted(Tracked t, String rotationId) {
        if (t.history != null) {
            for (RotationRecord line : t.history) {
                if (line.rotationId().equals(rotationId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns false when the credential needed a mint and no installation in its pool had budget left. */
    private boolean act(Tracked t, Instant now, List<RotationDue> rotations, List<Incident> incidents) {
        if (t.deferredUntil != null && now.isBefore(t.deferredUntil)) {
            return true;
        }
        t.deferredUntil = null;
        if (t.pending != null) {
            Request request = t.pending;
            if (!emit(t, RotationIds.of(t.idUtf8, request.at), request.at, now.plus(policy.confirmWithin(t.entry.kind())), 1,
                    request.reason, request.principal, now, rotations)) {
                return false;
            }
            t.pending = null;
            return true;
        }
        Emission outstanding = t.emission;
        if (outstanding != null) {
            if (now.isBefore(outstanding.deadline)) {
                return true;
            }
            if (outstanding.attempt < policy.maxAttempts()) {
                Duration backoff = policy.confirmWithin(t.entry.kind()).multipliedBy(1L << Math.min(outstanding.attempt, 20));
                return emit(t, outstanding.rotationId, outstanding.dueAt, now.plus(backoff), outstanding.attempt + 1,
                        RotationReason.RETRY, REQUESTED_BY_SCHEDULE, now, rotations);
            }
            if (t.overdueFiring) {
                return true;
            }
            setOverdue(t, true);
            incidents.add(Incidents.overdue(t.entry, IncidentStatus.FIRING, outstanding.rotationId, outstanding.attempt, outstanding.deadline, now));
            record(t, new RotationRecord(outstanding.rotationId, RotationRecord.Event.OVERDUE, outstanding.reason, outstanding.attempt,
                    outstanding.dueAt, now));
            return true;
        }
        SchedulePolicy.Due due = policy.due(t.entry, t.since, t.lastRotatedAt, t.expiresAt);
        // Jitter only makes a rotation earlier, so once the due instant has come it is not computed (it reads the id's text).
        if (now.isBefore(due.at()) && now.isBefore(due.at().minus(policy.jitter(t.entry, due.at())))) {
            return true;
        }
        Instant deadline = (due.at().isAfter(now) ? due.at() : now).plus(policy.confirmWithin(t.entry.kind()));
        return emit(t, RotationIds.of(t.idUtf8, due.at()), due.at(), deadline, 1,
                due.byExpiry() ? RotationReason.EXPIRING : RotationReason.SCHEDULED, REQUESTED_BY_SCHEDULE, now, rotations);
    }

    private boolean emit(Tracked t, String rotationId, Instant dueAt, Instant deadline, int attempt, RotationReason reason,
                         String requestedBy, Instant now, List<RotationDue> rotations) {
        Optional<String> budgetTaken = pacing.take(t.budgetKeys, now);
        if (budgetTaken.isEmpty()) {
            return false;
        }
        // The pool's budget keys are its installations' keys in the pool's order (budgetKeys): no key built per emission.
        AppInstallation mintFrom = t.entry.appPool().isEmpty() ? null : t.entry.appPool().get(t.budgetKeys.indexOf(budgetTaken.get()));
        t.emission = new Emission(rotationId, dueAt, deadline, attempt, reason, requestedBy);
        record(t, new RotationRecord(rotationId, RotationRecord.Event.EMITTED, reason, attempt, dueAt, now));
        rotations.add(new RotationDue(rotationId, t.id, dueAt, deadline, reason, attempt, requestedBy, t.entry, mintFrom));
        return true;
    }

    /** Raises the most urgent expiry threshold newly crossed; thresholds crossed together are raised once, as that one. */
    private void warn(Tracked t, Instant now, List<Incident> incidents) {
        if (!warnable(t)) {
            return;
        }
        int crossed = crossed(t.expiresAt, now);
        int mostUrgent = 31 - Integer.numberOfLeadingZeros(crossed);
        if (crossed == 0 || (t.warned & (1 << mostUrgent)) != 0) {
            return;
        }
        t.warned |= (1 << (mostUrgent + 1)) - 1;
        t.warnedExpiry = t.expiresAt;
        incidents.add(Incidents.expiring(t.entry, IncidentStatus.FIRING, policy.warnings().get(mostUrgent), t.expiresAt, now));
    }

    /** The expiry warnings {@code expiresAt} had crossed at {@code at}, as bits of the policy's thresholds. */
    private int crossed(Instant expiresAt, Instant at) {
        List<Duration> thresholds = policy.warnings();
        int bits = 0;
        for (int i = 0; i < thresholds.size(); i++) {
            if (!at.isBefore(expiresAt.minus(thresholds.get(i)))) {
                bits |= 1 << i;
            }
        }
        return bits;
    }

    /** Resolves the warnings of an expiry the credential no longer has, once its entry says it is warned about at all. */
    private List<Incident> resolveReplacedWarnings(Tracked t, Instant now) {
        if (t.warned == 0 || t.entry == null || sameInstant(t.warnedExpiry, t.expiresAt)) {
            return List.of();
        }
        List<Incident> resolved = new ArrayList<>();
        if (!t.entry.kind().renewedByBroker()) {
            for (int i = 0; i < policy.warnings().size(); i++) {
                if ((t.warned & (1 << i)) != 0) {
                    resolved.add(Incidents.expiring(t.entry, IncidentStatus.RESOLVED, policy.warnings().get(i), t.warnedExpiry, now));
                }
            }
        }
        t.warned = 0;
        return resolved;
    }

    // ---- queries

    public synchronized List<Upcoming> upcoming(Instant before, int limit) {
        List<Upcoming> result = new ArrayList<>();
        for (Tracked t : queue.before(before, limit)) {
            result.add(upcoming(t));
        }
        return result;
    }

    public synchronized Optional<InventoryEntry> entry(String credentialId) {
        Tracked t = tracked.get(credentialId);
        return t == null ? Optional.empty() : Optional.ofNullable(t.entry);
    }

    public synchronized List<InventoryEntry> entries() {
        return tracked.values().stream().filter(t -> t.entry != null).map(t -> t.entry)
                .sorted(Comparator.comparing(InventoryEntry::id)).toList();
    }

    public synchronized List<RotationRecord> history(String credentialId) {
        Tracked t = tracked.get(credentialId);
        return t == null || t.history == null ? List.of() : List.copyOf(t.history);
    }

    public synchronized List<Pacing.InstallationPacing> pacing(Instant now) {
        return pacing.snapshot(now);
    }

    public synchronized int size() {
        return tracked.size();
    }

    /** Owned credentials of {@code tier} whose rotation is overdue: retried to the limit and never confirmed. */
    public synchronized int overdue(String tier) {
        int count = 0;
        for (Tracked t : overdue) {
            if (t.entry != null && owns(t) && t.entry.tier().equals(tier)) {
                count++;
            }
        }
        return count;
    }

    // ---- internals

    private Upcoming upcoming(Tracked t) {
        Upcoming.Status status;
        Instant dueAt;
        if (t.deferredUntil != null) {
            status = Upcoming.Status.DEFERRED;
            dueAt = t.pending != null ? t.pending.at : t.emission != null ? t.emission.dueAt : scheduledDue(t);
        } else if (t.pending != null) {
            status = Upcoming.Status.REQUESTED;
            dueAt = t.pending.at;
        } else if (t.emission != null) {
            status = Upcoming.Status.AWAITING_CONFIRMATION;
            dueAt = t.emission.dueAt;
        } else {
            status = Upcoming.Status.SCHEDULED;
            dueAt = scheduledDue(t);
        }
        return new Upcoming(t.id, t.entry.kind(), t.entry.tier(), t.entry.consumer(), dueAt, t.wakeAt, status);
    }

    private Instant scheduledDue(Tracked t) {
        return policy.due(t.entry, t.since, t.lastRotatedAt, t.expiresAt).at();
    }

    private Instant wake(Tracked t) {
        if (t.entry == null || !owns(t)) {
            return null;
        }
        Instant wake;
        if (t.deferredUntil != null) {
            wake = t.deferredUntil;
        } else if (t.pending != null) {
            wake = t.pending.at;
        } else if (t.emission != null) {
            boolean escalated = t.overdueFiring && t.emission.attempt >= policy.maxAttempts();
            wake = escalated ? null : t.emission.deadline;
        } else {
            SchedulePolicy.Due due = policy.due(t.entry, t.since, t.lastRotatedAt, t.expiresAt);
            wake = due.at().minus(policy.jitter(t.entry, due.at()));
        }
        if (warnable(t)) {
            List<Duration> thresholds = policy.warnings();
            for (int i = 0; i < thresholds.size(); i++) {
                if ((t.warned & (1 << i)) == 0) {
                    Instant at = t.expiresAt.minus(thresholds.get(i));
                    wake = wake == null || at.isBefore(wake) ? at : wake;
                    break;
                }
            }
        }
        return wake;
    }

    private boolean warnable(Tracked t) {
        return t.expiresAt != null && t.entry != null && !t.entry.kind().renewedByBroker();
    }

    private boolean owns(Tracked t) {
        return ownsEverything || ownedPartitions.contains(t.partition);
    }

    private static boolean confirms(Tracked t, Emission emission) {
        return emission.rotationId.equals(t.lastRotationId)
                || (t.lastRotatedAt != null && !t.lastRotatedAt.isBefore(emission.dueAt));
    }

    /** The credential's state, created on first mention; the map is keyed by the state's own copy of the id. */
    private Tracked track(String credentialId) {
        Tracked t = tracked.get(credentialId);
        if (t == null) {
            t = new Tracked(credentialId);
            tracked.put(t.id, t);
        }
        return t;
    }

    private void enqueue(Tracked t) {
        t.wakeAt = wake(t);
        if (t.wakeAt != null) {
            queue.add(t);
        }
    }

    private void unqueue(Tracked t) {
        if (t.wakeAt != null) {
            queue.remove(t);
            t.wakeAt = null;
        }
    }

    private void rescheduleAll() {
        queue.clear();
        for (Tracked t : tracked.values()) {
            t.wakeAt = null;
            enqueue(t);
        }
    }

    private void setOverdue(Tracked t, boolean firing) {
        t.overdueFiring = firing;
        if (firing) {
            overdue.add(t);
        } else {
            overdue.remove(t);
        }
    }

    private static void record(Tracked t, RotationRecord line) {
        if (t.history == null) {
            t.history = new ArrayList<>(2);
        }
        for (RotationRecord known : t.history) {
            if (known.rotationId().equals(line.rotationId()) && known.event() == line.event() && known.attempt() == line.attempt()) {
                return;
            }
        }
        if (t.history.size() == HISTORY_LIMIT) {
            t.history.removeFirst();
        }
        t.history.add(line);
    }

    /** Entries share a few pools, so each pool's keys are built once, not on every emission. */
    private static List<String> budgetKeys(List<AppInstallation> pool) {
        if (pool.isEmpty()) {
            return List.of(Pacing.UNPOOLED);
        }
        return pool.stream().map(AppInstallation::key).toList();
    }

    /** Entries repeat the same tier, org, consumer and owner names thousands of times: share one copy of each. */
    private InventoryEntry compact(String id, InventoryEntry entry) {
        return new InventoryEntry(id, entry.kind(), intern(entry.tier()), intern(entry.org()), intern(entry.consumer()),
                entry.repositories().stream().map(this::intern).toList(), entry.appPool(), intern(entry.owner()), entry.policyOverrides());
    }

    private String intern(String value) {
        return interned.computeIfAbsent(value, v -> v);
    }

    private static boolean sameInstant(Instant a, Instant b) {
        return a == null ? b == null : a.equals(b);
    }

    private record Emission(String rotationId, Instant dueAt, Instant deadline, int attempt, RotationReason reason, String requestedBy) {
    }

    private record Request(RotationReason reason, String principal, Instant at) {
    }

    /**
     * Mutable per-credential state; {@code wakeAt} is its position in the queue and changes only while it is out
     * of it, and {@code stamp} tells the queue which of its slots for this credential is current.
     */
    static final class Tracked {
        final String id;
        /** The id's hash and UTF-8 bytes, which the queue and the rotation id read on every pass. */
        final int idHash;
        final byte[] idUtf8;
        InventoryEntry entry;
        List<String> budgetKeys;
        int partition;
        Instant since;
        Instant lastRotatedAt;
        Instant expiresAt;
        String lastRotationId;
        Emission emission;
        boolean overdueFiring;
        Request pending;
        Instant deferredUntil;
        int warned;
        Instant warnedExpiry;
        Instant wakeAt;
        int stamp;
        List<RotationRecord> history;

        /**
         * Copies the id (text included) next to the state, and the entry takes that copy: an all-due pass reads
         * the id and the entry of every credential in turn, and copies scattered wherever they were decoded
         * missed the cache on each.
         */
        Tracked(String id) {
            this.id = new String(id.toCharArray());
            this.idHash = this.id.hashCode();
            this.idUtf8 = this.id.getBytes(StandardCharsets.UTF_8);
        }
    }
}
