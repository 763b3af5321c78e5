package dev.tokenwarden.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records as a test's own producer: copies of real ones (redelivery) and hand-made bad ones. */
final class KafkaRecords {
    private KafkaRecords() {
    }

    /** Produces {@code record} again, same key, body and headers (so the same {@code ce_id}), as a redelivery would. */
    static void resend(String bootstrapServers, TopicRecords.Record record) throws Exception {
        send(bootstrapServers, record.topic(), record.key(), record.value(), record.headers());
    }

    static void send(String bootstrapServers, String topic, String key, String value, Map<String, String> headers) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key), bytes(value));
            headers.forEach((name, text) -> record.headers().add(name, bytes(text)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
