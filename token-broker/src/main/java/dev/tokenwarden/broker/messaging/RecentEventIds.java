package dev.tokenwarden.broker.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} CloudEvents ids a consumer completed, so an exact redelivery is skipped. */
final class RecentEventIds {
    private final Map<String, Boolean> ids;

    RecentEventIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean seen(String id) {
        return ids.containsKey(id);
    }

    synchronized void remember(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
