package dev.tokenwarden.console;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes events to the real broker the running console reads, with the headers their producing service sets. */
final class TestEvents implements AutoCloseable {
    private final KafkaCompanion companion = new KafkaCompanion(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    KafkaCompanion companion() {
        return companion;
    }

    void send(EventType type, Service from, String key, Record payload) {
        send(type, from, key, EventJson.write(payload));
    }

    /** {@code body} as it is: malformed on purpose if the test wants. */
    void send(EventType type, Service from, String key, byte[] body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, from.source().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(type.topic(), null, key, body, headers))
                .awaitCompletion();
    }

    @Override
    public void close() {
        companion.close();
    }
}
