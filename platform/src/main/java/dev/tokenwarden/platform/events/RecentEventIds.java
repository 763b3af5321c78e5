package dev.tokenwarden.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} CloudEvents ids ({@code ce_id}) a consumer took in, so an exact redelivery is skipped.
 * Bounded: an id older than the window is forgotten, which is why every consumer that uses it is also idempotent on
 * its own key (rotation id, incident key and status).
 */
public final class RecentEventIds {
    private final Map<String, Boolean> ids;

    public RecentEventIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    /** Remembers {@code id}; true when it was not in the window yet. */
    public synchronized boolean remember(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }
}
