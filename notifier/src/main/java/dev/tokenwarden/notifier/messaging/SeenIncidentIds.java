package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.platform.events.RecentEventIds;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one window of incident {@code ce_id}s shared by the start-up rebuild and the live consumer. Older redeliveries
 * are caught by the dispatcher's own check on incident key, status and {@code lastSeen}.
 */
final class SeenIncidentIds {
    static final int CAPACITY = 100_000;

    private SeenIncidentIds() {
    }

    @Produces
    @Singleton
    static RecentEventIds seenIncidentIds() {
        return new RecentEventIds(CAPACITY);
    }
}
