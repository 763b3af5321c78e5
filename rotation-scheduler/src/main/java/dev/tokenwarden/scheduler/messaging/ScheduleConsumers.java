package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.scheduler.domain.Schedule;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The topics the schedule is built from. A record that fails its CloudEvents checks is thrown back as a
 * {@code RejectedEventException}, which the channel's dead-letter strategy moves to its {@code .dlq} topic.
 */
@ApplicationScoped
public class ScheduleConsumers {
    private final CloudEventReader inventoryReader = CloudEventReader.accepting(EventType.INVENTORY_ENTRY);
    private final CloudEventReader stateReader = CloudEventReader.accepting(EventType.CREDENTIAL_STATE);
    private final CloudEventReader rateLimitReader = CloudEventReader.accepting(EventType.RATE_LIMIT_OBSERVED);
    private final CloudEventReader rotationDueReader = CloudEventReader.accepting(EventType.ROTATION_DUE);
    private final CloudEventReader requestReader = CloudEventReader.accepting(EventType.ROTATION_REQUESTED);
    private final ScheduleFeed feed;
    private final Readiness readiness;
    private final ScheduleOutbox outbox;

    public ScheduleConsumers(Schedule schedule, Clock clock, Readiness readiness, ScheduleOutbox outbox) {
        this.feed = new ScheduleFeed(schedule, clock);
        this.readiness = readiness;
        this.outbox = outbox;
    }

    @Incoming(Channels.INVENTORY_IN)
    @Blocking
    public void inventory(ConsumerRecord<String, byte[]> record) {
        consume(Channels.INVENTORY_IN, inventoryReader, record);
    }

    @Incoming(Channels.CREDENTIAL_STATE_IN)
    @Blocking
    public void credentialState(ConsumerRecord<String, byte[]> record) {
        consume(Channels.CREDENTIAL_STATE_IN, stateReader, record);
    }

    @Incoming(Channels.RATELIMIT_IN)
    @Blocking
    public void rateLimit(ConsumerRecord<String, byte[]> record) {
        consume(Channels.RATELIMIT_IN, rateLimitReader, record);
    }

    @Incoming(Channels.ROTATION_DUE_IN)
    @Blocking
    public void rotationDue(ConsumerRecord<String, byte[]> record) {
        consume(Channels.ROTATION_DUE_IN, rotationDueReader, record);
    }

    @Incoming(Channels.ROTATION_REQUESTS_IN)
    @Blocking
    public void rotationRequested(ConsumerRecord<String, byte[]> record) {
        consume(Channels.ROTATION_REQUESTS_IN, requestReader, record);
    }

    /**
     * The ownership subscription exists for its partition assignment (see {@link OwnershipListener}); the
     * same records are read, checked and applied by {@link #inventory}, so here they are only acknowledged.
     */
    @Incoming(Channels.INVENTORY_OWNERSHIP)
    public void ownership(ConsumerRecord<String, byte[]> record) {
        // Nothing to do: see above.
    }

    private void consume(String channel, CloudEventReader reader, ConsumerRecord<String, byte[]> record) {
        try {
            List<Incident> incidents = feed.apply(reader.read(record), record.partition());
            outbox.incidents(incidents);
        } finally {
            readiness.consumed(channel, record);
        }
    }
}
