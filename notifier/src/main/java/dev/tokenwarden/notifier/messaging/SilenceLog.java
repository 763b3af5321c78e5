package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.SilenceRecord;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Silences are durable on the compacted {@code tokenwarden.silences}, keyed by silence id. A change takes effect
 * here only once the broker acknowledged it; the channel {@value #CHANNEL} (a new group id per start, from the
 * earliest offset) applies every replica's changes, its own included, which {@code Silences.apply} makes harmless.
 */
@ApplicationScoped
public class SilenceLog {
    static final String CHANNEL = "silences";

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.SILENCE);
    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;
    private final NotificationPipeline pipeline;
    private final Clock clock;

    public SilenceLog(EventPublisher publisher, @Channel("silences-out") Emitter<byte[]> channel, NotificationPipeline pipeline,
            Clock clock) {
        this.publisher = publisher;
        this.channel = channel;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** Writes a created or expired silence; completes once the broker acknowledged it and it is in effect here. */
    public CompletionStage<Void> write(Silence silence) {
        return publisher.send(channel, EventType.SILENCE, silence.id(), SilenceMapper.toRecord(silence, clock.instant()))
                .thenRun(() -> pipeline.silences().apply(silence));
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        // The notifier never deletes a silence (expired ones stay listed), so a tombstone carries nothing to apply.
        if (!event.isTombstone()) {
            pipeline.silences().apply(SilenceMapper.toDomain(event.payload(SilenceRecord.class)));
        }
    }
}
