package dev.tokenwarden.auditor.domain.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code X-GitHub-Delivery} ids already handled, the most recent {@code capacity} of them, so a replayed
 * delivery is acknowledged without a second scan. Thread-safe.
 */
public final class DeliveryLog {
    private final Map<String, Boolean> seen;

    public DeliveryLog(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code deliveryId} is seen (and remembers it), false for a replay. */
    public synchronized boolean firstTime(String deliveryId) {
        return seen.putIfAbsent(deliveryId, Boolean.TRUE) == null;
    }

    /** Forgets a delivery whose handling failed, so GitHub's redelivery of it is handled. */
    public synchronized void forget(String deliveryId) {
        seen.remove(deliveryId);
    }
}
