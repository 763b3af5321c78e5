package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Every credential the topics mention, sorted by id, in as little memory as a row needs: repeated names are
 * shared, a timeline and ledger list exist only once something happened and stay bounded. Reads take a
 * snapshot under a read lock, so a page renders while the consumers keep writing.
 */
public final class Credentials {
    private final RotationPolicy policy;
    private final int timelineLength;
    private final int ledgerLength;
    private final TreeMap<String, Credential> byId = new TreeMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> overdue = new HashSet<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Mutable under the write lock only. */
    private static final class Credential {
        final String id;
        CredentialKind kind;
        String tier;
        String org;
        String consumer;
        String owner;
        List<String> repositories = List.of();
        boolean inInventory;
        CredentialStatus status;
        Long vaultVersion;
        Instant lastRotatedAt;
        Instant expiresAt;
        Instant stateUpdatedAt;
        ArrayDeque<TimelineEntry> timeline;
        List<LedgerLine> ledger;

        Credential(String id) {
            this.id = id;
        }
    }

    public Credentials(RotationPolicy policy, int timelineLength, int ledgerLength) {
        this.policy = policy;
        this.timelineLength = timelineLength;
        this.ledgerLength = ledgerLength;
    }

    /** An inventory entry, or its tombstone ({@code entry} null): the credential leaves the inventory. */
    public void inventory(String id, InventoryEntry entry) {
        write(id, c -> {
            c.inInventory = entry != null;
            if (entry != null) {
                c.kind = entry.kind();
                c.tier = shared(entry.tier());
                c.org = shared(entry.org());
                c.consumer = shared(entry.consumer());
                c.owner = shared(entry.owner());
                c.repositories = entry.repositories().stream().map(this::shared).toList();
            }
        });
        dropIfForgotten(id);
    }

    /** The broker's state; an older copy than the one held (a redelivery after a newer one) changes nothing. */
    public void state(String id, CredentialState state) {
        write(id, c -> {
            if (state == null) {
                c.status = null;
                c.vaultVersion = null;
                c.stateUpdatedAt = null;
                return;
            }
            if (c.stateUpdatedAt != null && state.updatedAt().isBefore(c.stateUpdatedAt)) {
                return;
            }
            c.status = state.status();
            c.vaultVersion = state.vaultVersion();
            c.lastRotatedAt = state.lastRotatedAt();
            c.expiresAt = state.expiresAt();
            c.stateUpdatedAt = state.updatedAt();
        });
        dropIfForgotten(id);
    }

    /** A ledger entry: replaces the one with the same hash, keeps the newest {@code ledgerLength} by issue time. */
    public void ledger(LedgerEntry entry) {
        write(entry.credentialId(), c -> {
            if (c.kind == null) {
                c.kind = entry.kind();
                c.tier = shared(entry.tier());
                c.consumer = shared(entry.consumer());
            }
            List<LedgerLine> lines = c.ledger == null ? new ArrayList<>() : c.ledger;
            lines.removeIf(line -> line.valueHash().equals(entry.valueHash()));
            lines.add(LedgerLine.of(entry));
            lines.sort(Comparator.comparing(LedgerLine::issuedAt).reversed());
            while (lines.size() > ledgerLength) {
                lines.removeLast();
            }
            c.ledger = lines;
        });
    }

    /** A lifecycle step; one already held (same event id) is not added twice. */
    public void timeline(String id, TimelineEntry entry) {
        write(id, c -> {
            if (c.timeline == null) {
                c.timeline = new ArrayDeque<>();
            }
            if (c.timeline.stream().anyMatch(e -> e.eventId().equals(entry.eventId()))) {
                return;
            }
            c.timeline.addFirst(entry);
            if (c.timeline.size() > timelineLength) {
                c.timeline.removeLast();
            }
        });
    }

    /** The scheduler raised (or resolved) an overdue incident for this credential. */
    public void overdue(String id, boolean firing) {
        lock.writeLock().lock();
        try {
            if (firing) {
                overdue.add(id);
            } else {
                overdue.remove(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<CredentialRow> row(String id, Instant now) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id)).map(c -> row(c, now));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Newest first; empty for a credential with no lifecycle event. */
    public List<TimelineEntry> timeline(String id) {
        return history(id, c -> c.timeline);
    }

    /** Newest first by issue time; empty for a credential with no ledger entry. */
    public List<LedgerLine> ledger(String id) {
        return history(id, c -> c.ledger);
    }

    private <T> List<T> history(String id, java.util.function.Function<Credential, java.util.Collection<T>> part) {
        lock.readLock().lock();
        try {
            Credential c = byId.get(id);
            return c == null || part.apply(c) == null ? List.of() : List.copyOf(part.apply(c));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The page of credentials matching {@code filter}, in id order; rows are built for the window only. */
    public Page<CredentialRow> page(CredentialFilter filter, int number, int size, Instant now) {
        Page.Collector<Credential> collector = new Page.Collector<>(number, size);
        List<CredentialRow> rows = new ArrayList<>();
        long total;
        lock.readLock().lock();
        try {
            for (Credential c : byId.values()) {
                if (filter.matches(c.id, c.kind, c.tier, c.org, c.consumer, c.owner, health(c, now))) {
                    collector.offer(c);
                }
            }
            Page<Credential> window = collector.page();
            window.items().forEach(c -> rows.add(row(c, now)));
            total = window.total();
        } finally {
            lock.readLock().unlock();
        }
        return new Page<>(rows, Math.max(1, number), size, total);
    }

    /** Counts by tier and kind, by health, and the first {@code limit} needing attention and expiring soon. */
    public Summary summary(Instant now, int limit) {
        Map<String, Map<CredentialKind, Integer>> counts = new HashMap<>();
        Map<Health, Integer> byHealth = new java.util.EnumMap<>(Health.class);
        List<CredentialRow> attention = new ArrayList<>();
        List<CredentialRow> expiring = new ArrayList<>();
        int total;
        lock.readLock().lock();
        try {
            total = byId.size();
            for (Credential c : byId.values()) {
                counts.computeIfAbsent(c.tier == null ? "unknown" : c.tier, t -> new HashMap<>()).merge(c.kind, 1, Integer::sum);
                Health health = health(c, now);
                byHealth.merge(health, 1, Integer::sum);
                if (health == Health.FAILING || health == Health.OVERDUE) {
                    keepFirst(attention, row(c, now), BY_NEXT_ROTATION, limit);
                } else if (health == Health.EXPIRING) {
                    keepFirst(expiring, row(c, now), BY_EXPIRY, limit);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        Map<String, Map<String, Integer>> byTierAndKind = new TreeMap<>();
        counts.forEach((tier, byKind) -> byKind.forEach((kind, n) ->
                byTierAndKind.computeIfAbsent(tier, t -> new TreeMap<>()).merge(CredentialRow.label(kind), n, Integer::sum)));
        return new Summary(total, byTierAndKind, byHealth, attention, expiring);
    }

    public record Summary(int total, Map<String, Map<String, Integer>> byTierAndKind, Map<Health, Integer> byHealth,
            List<CredentialRow> needingAttention, List<CredentialRow> expiringSoon) {

        public int count(Health health) {
            return byHealth.getOrDefault(health, 0);
        }

        public int failing() {
            return count(Health.FAILING);
        }

        public int overdue() {
            return count(Health.OVERDUE);
        }

        public int expiring() {
            return count(Health.EXPIRING);
        }

        public Set<String> kinds() {
            Set<String> kinds = new java.util.TreeSet<>();
            byTierAndKind.values().forEach(k -> kinds.addAll(k.keySet()));
            return kinds;
        }
    }

    private static final Comparator<CredentialRow> BY_NEXT_ROTATION = Comparator.comparing(CredentialRow::nextRotation,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(CredentialRow::id);
    private static final Comparator<CredentialRow> BY_EXPIRY = Comparator.comparing(CredentialRow::expiresAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(CredentialRow::id);

    /** Keeps the {@code limit} smallest without sorting everything: the lists stay short while the scan is long. */
    private static void keepFirst(List<CredentialRow> kept, CredentialRow row, Comparator<CredentialRow> order, int limit) {
        if (kept.size() == limit && order.compare(row, kept.getLast()) >= 0) {
            return;
        }
        int at = java.util.Collections.binarySearch(kept, row, order);
        kept.add(at < 0 ? -at - 1 : at, row);
        if (kept.size() > limit) {
            kept.removeLast();
        }
    }

    public Set<String> tiers() {
        lock.readLock().lock();
        try {
            Set<String> tiers = new java.util.TreeSet<>();
            byId.values().forEach(c -> {
                if (c.tier != null) {
                    tiers.add(c.tier);
                }
            });
            return tiers;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private CredentialRow row(Credential c, Instant now) {
        Instant next = c.kind == null ? null : policy.nextRotation(c.kind, c.tier, c.lastRotatedAt, c.expiresAt).orElse(null);
        return new CredentialRow(c.id, c.kind, c.tier, c.org, c.consumer, c.owner, c.repositories, c.inInventory, c.status,
                c.vaultVersion, c.lastRotatedAt, c.expiresAt, next, health(c, now));
    }

    private Health health(Credential c, Instant now) {
        if (c.status == CredentialStatus.REVOKED) {
            return Health.REVOKED;
        }
        if (c.status == CredentialStatus.FAILED) {
            return Health.FAILING;
        }
        if (overdue.contains(c.id) || (c.expiresAt != null && !c.expiresAt.isAfter(now))) {
            return Health.OVERDUE;
        }
        // An installation or user token lives hours by design and is renewed before it ends: only its expiry counts.
        if ((c.kind == null || !c.kind.renewedByBroker()) && c.expiresAt != null && c.expiresAt.isBefore(now.plus(policy.expiringSoon()))) {
            return Health.EXPIRING;
        }
        if (c.status == CredentialStatus.ROTATING) {
            return Health.ROTATING;
        }
        return c.status == null ? Health.PENDING : Health.HEALTHY;
    }

    private void write(String id, Consumer<Credential> change) {
        lock.writeLock().lock();
        try {
            change.accept(byId.computeIfAbsent(id, Credential::new));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A credential neither in the inventory nor in the broker's state leaves the model (both tombstoned). */
    private void dropIfForgotten(String id) {
        lock.writeLock().lock();
        try {
            Credential c = byId.get(id);
            if (c != null && !c.inInventory && c.status == null && c.timeline == null && c.ledger == null) {
                byId.remove(id);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One name object per distinct tier, org, consumer or owner, however many credentials share it. */
    private String shared(String name) {
        return name == null ? null : names.computeIfAbsent(name, n -> n);
    }
}
