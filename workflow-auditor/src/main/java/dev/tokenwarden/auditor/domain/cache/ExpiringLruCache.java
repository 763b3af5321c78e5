package dev.tokenwarden.auditor.domain.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded cache whose entries each expire after their own time: the least recently used entry goes first when it
 * is full. Thread-safe; the caller computes a missing value outside, so a slow read holds no lock.
 */
public final class ExpiringLruCache<V> {
    private record Kept<V>(V value, Instant expires) {
    }

    private final Clock clock;
    private final Map<String, Kept<V>> entries;

    public ExpiringLruCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value kept for {@code key}, unless it has expired. */
    public synchronized Optional<V> get(String key) {
        Kept<V> entry = entries.get(key);
        return entry != null && clock.instant().isBefore(entry.expires()) ? Optional.of(entry.value()) : Optional.empty();
    }

    public synchronized void put(String key, V value, Duration keepFor) {
        entries.put(key, new Kept<>(value, clock.instant().plus(keepFor)));
    }

    /** How many entries are kept now, expired ones included until they are pushed out. */
    public synchronized int size() {
        return entries.size();
    }
}
