package dev.tokenwarden.notifier;

import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;

/** Records on the real broker: written with CloudEvents headers as another service would, awaited by key. */
final class TestRecords {
    private TestRecords() {
    }

    /** A companion on the broker the running notifier uses; close it after the test. */
    static KafkaCompanion companion() {
        return new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Writes {@code body} as it is (malformed on purpose, if the test wants) with {@code from}'s headers for {@code type}. */
    static void produce(KafkaCompanion companion, EventType type, Service from, String key, byte[] body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, from.source().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(type.topic(), null, key, body, headers))
                .awaitCompletion();
    }

    static ConsumerRecord<String, byte[]> awaitRecord(KafkaCompanion companion, String topic, String key) {
        ConsumerTask<String, byte[]> task = companion.consume(Serdes.String(), Serdes.ByteArray()).fromTopics(topic);
        try {
            return await().atMost(Duration.ofSeconds(30)).until(
                    () -> task.getRecords().stream().filter(r -> key.equals(r.key())).findFirst().orElse(null), r -> r != null);
        } finally {
            task.close();
        }
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
