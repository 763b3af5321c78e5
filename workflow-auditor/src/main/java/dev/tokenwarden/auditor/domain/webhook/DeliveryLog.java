package dev.tokenwarden.auditor.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code X-GitHub-Delivery} ids already handled, so a replayed delivery is acknowledged without a second scan:
 * the most recent {@code capacity} ids handled by this instance, and the most recent {@code capacity} scans published
 * for deliveries by any instance, before or since this one started (read back from {@code audit.scans}; a delivery's
 * scan id derives from its delivery id). Thread-safe.
 */
public final class DeliveryLog {
    private final Map<String, Boolean> seen;
    private final Map<String, Boolean> publishedScans;

    public DeliveryLog(int capacity) {
        this.seen = bounded(capacity);
        this.publishedScans = bounded(capacity);
    }

    /** The id a delivery's scan is published under: the same for every redelivery, on every instance. */
    public static String scanId(String deliveryId) {
        return UUID.nameUUIDFromBytes(("github-delivery:" + deliveryId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** True the first time {@code deliveryId} is seen (and remembers it), false for a replay. */
    public synchronized boolean firstTime(String deliveryId) {
        return !publishedScans.containsKey(scanId(deliveryId)) && seen.putIfAbsent(deliveryId, Boolean.TRUE) == null;
    }

    /** Whether {@code deliveryId} counts as handled, without remembering it. */
    public synchronized boolean handled(String deliveryId) {
        return publishedScans.containsKey(scanId(deliveryId)) || seen.containsKey(deliveryId);
    }

    /** A delivery's scan, published by this or another instance, read back from {@code audit.scans}. */
    public synchronized void published(String scanId) {
        publishedScans.put(scanId, Boolean.TRUE);
    }

    /** Forgets a delivery whose handling failed, so GitHub's redelivery of it is handled. */
    public synchronized void forget(String deliveryId) {
        seen.remove(deliveryId);
    }

    private static Map<String, Boolean> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }
}
