package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends payloads as CloudEvents in binary mode ({@code ce_*} headers, JSON body) keyed for Kafka. The
 * returned stage completes when the broker has acknowledged the record and fails when it could not be
 * written, so a caller never believes an unsent event was sent.
 */
@ApplicationScoped
public class EventPublisher {
    private final Service self;
    private final Clock clock;

    public EventPublisher(ServiceIdentity identity, Clock clock) {
        this.self = identity.service();
        this.clock = clock;
    }

    public CompletionStage<Void> send(Emitter<byte[]> channel, EventType type, String key, Record payload) {
        return send(channel, type, key, UUID.randomUUID().toString(), payload);
    }

    /** Sends with a caller-chosen event id, for events whose redelivery consumers must recognise. */
    public CompletionStage<Void> send(Emitter<byte[]> channel, EventType type, String key, String eventId, Record payload) {
        if (!type.payload().isInstance(payload)) {
            throw new IllegalArgumentException(type.ceType() + " carries " + type.payload().getSimpleName()
                    + ", not " + payload.getClass().getSimpleName());
        }
        return emit(channel, type, key, eventId, EventJson.write(payload));
    }

    /** Deletes {@code key} from a compacted topic. */
    public CompletionStage<Void> sendTombstone(Emitter<byte[]> channel, EventType type, String key) {
        if (!type.compacted()) {
            throw new IllegalArgumentException(type.topic() + " is not compacted; a tombstone would mean nothing");
        }
        return emit(channel, type, key, UUID.randomUUID().toString(), null);
    }

    private CompletionStage<Void> emit(Emitter<byte[]> channel, EventType type, String key, String eventId, byte[] body) {
        if (!type.mayBeProducedBy(self)) {
            throw new IllegalStateException(self.id() + " may not produce " + type.ceType());
        }
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withSource(URI.create(self.source()))
                .withType(type.ceType())
                .withSubject(key)
                .withTimestamp(clock.instant().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withTopic(type.topic())
                .build();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Message<byte[]> message = Message.of(body, Metadata.of(cloudEvent, kafka),
                () -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        channel.send(message);
        return sent;
    }
}
