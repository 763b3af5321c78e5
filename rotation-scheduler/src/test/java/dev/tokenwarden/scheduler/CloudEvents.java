package dev.tokenwarden.scheduler;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds records the way another service's EventPublisher writes them, for tests that play that service. */
public final class CloudEvents {
    private CloudEvents() {
    }

    public static ProducerRecord<String, byte[]> record(String topic, Service source, EventType type, String key, Record payload, Instant time) {
        return raw(topic, source.source(), type, key, payload == null ? null : EventJson.write(payload), time);
    }

    public static ProducerRecord<String, byte[]> raw(String topic, String source, EventType type, String key, byte[] body, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        headers.add(CloudEventHeaders.TIME, bytes(time.toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(key));
        return new ProducerRecord<>(topic, null, key, body, headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
