package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import dev.tokenwarden.platform.events.InboundEvent;
import dev.tokenwarden.platform.events.RejectReason;
import dev.tokenwarden.platform.events.RejectedEventException;
import dev.tokenwarden.scheduler.domain.Schedule;
import java.time.Clock;
import java.util.List;

/**
 * Applies checked events to the schedule. Every input is state keyed by credential or installation (or a
 * rotation remembered by id and attempt), so applying a redelivered record again changes nothing.
 * Plain Java: the Kafka consumers and the multi-replica tests feed a schedule through the same code.
 */
public final class ScheduleFeed {
    private final Schedule schedule;
    private final Clock clock;

    public ScheduleFeed(Schedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Applies one event read from {@code partition}; returns the incidents it raised or resolved. */
    public List<Incident> apply(InboundEvent event, int partition) {
        EventType type = event.type();
        return switch (type) {
            case INVENTORY_ENTRY -> {
                if (event.isTombstone()) {
                    schedule.remove(event.key());
                    yield List.of();
                }
                InventoryEntry entry = event.payload(InventoryEntry.class);
                if (!entry.id().equals(event.key())) {
                    throw new RejectedEventException(RejectReason.MALFORMED_BODY, "record key differs from the entry's id '" + entry.id() + "'");
                }
                yield schedule.upsert(entry, partition, event.time());
            }
            case CREDENTIAL_STATE -> event.isTombstone() ? List.of() : schedule.onState(event.payload(CredentialState.class), clock.instant());
            case RATE_LIMIT_OBSERVED -> event.isTombstone() ? List.of()
                    : schedule.onRateLimit(event.payload(RateLimitObservation.class), clock.instant()).stream().toList();
            case ROTATION_DUE -> {
                schedule.onEmitted(event.payload(RotationDue.class), event.time());
                yield List.of();
            }
            case ROTATION_REQUESTED -> {
                RotationRequested request = event.payload(RotationRequested.class);
                if (request.scope() != RotationScope.ALL && (request.value() == null || request.value().isBlank())) {
                    throw new RejectedEventException(RejectReason.MALFORMED_BODY, "a " + request.scope() + " request needs a value");
                }
                schedule.onRequested(request);
                yield List.of();
            }
            default -> throw new IllegalArgumentException("the schedule does not consume " + type.ceType());
        };
    }
}
