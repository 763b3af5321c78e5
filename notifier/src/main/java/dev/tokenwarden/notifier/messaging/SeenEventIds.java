package dev.tokenwarden.notifier.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ce_id}s of the latest incidents taken in, bounded; older redeliveries are caught by the
 * dispatcher's own check on incident key, status and {@code lastSeen}.
 */
@ApplicationScoped
public class SeenEventIds {
    static final int CAPACITY = 100_000;

    private final Map<String, Boolean> ids = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** True the first time an id is seen. */
    public synchronized boolean firstTime(String ceId) {
        return ids.put(ceId, Boolean.TRUE) == null;
    }
}
