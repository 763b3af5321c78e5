package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import dev.tokenwarden.platform.events.RecentEventIds;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code tokenwarden.incidents}. A record that fails the CloudEvents checks goes to
 * {@code tokenwarden.notifier.incidents.dlq}; a redelivered one (same {@code ce_id}, or an incident copy no
 * newer than the one held) changes nothing.
 */
@ApplicationScoped
public class IncidentConsumer {
    static final String CHANNEL = "incidents";

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.INCIDENT);
    private final NotificationPipeline pipeline;
    private final RecentEventIds seen;

    public IncidentConsumer(NotificationPipeline pipeline, RecentEventIds seen) {
        this.pipeline = pipeline;
        this.seen = seen;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        InboundEvent event = reader.read(record);
        pipeline.awaitRebuilt();
        if (seen.remember(event.id())) {
            pipeline.accept(event.payload(Incident.class));
        }
    }
}
