package dev.tokenwarden.auditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the test broker's topics from the beginning: JSON values by record key, or every raw record. */
public final class TopicValues implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaCompanion companion =
            new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    /** The JSON values of {@code topic}'s records keyed {@code key}, once {@code done} accepts them (30 s at most). */
    public List<JsonNode> await(String topic, String key, Predicate<List<JsonNode>> done) {
        ConsumerTask<String, byte[]> task = consume(topic);
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .filter(r -> key.equals(r.key()) && r.value() != null).map(r -> json(r.value())).toList(), done);
        } finally {
            task.stop();
        }
    }

    /** Every record on {@code topic} now (reading stops after 3 s without a new one). */
    public List<ConsumerRecord<String, byte[]>> all(String topic) {
        ConsumerTask<String, byte[]> task = companion.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .fromTopics(topic, Duration.ofSeconds(3));
        task.awaitCompletion(Duration.ofSeconds(10));
        return task.getRecords();
    }

    public static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConsumerTask<String, byte[]> consume(String topic) {
        return companion.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer()).fromTopics(topic);
    }

    @Override
    public void close() {
        companion.close();
    }
}
