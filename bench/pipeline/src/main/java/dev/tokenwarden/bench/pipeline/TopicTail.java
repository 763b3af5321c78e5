package dev.tokenwarden.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code rotation.due}, {@code token.lifecycle} and {@code audit.findings} from their beginning, without a consumer
 * group (it adds no lag of its own), keeping each rotation's first {@code rotation.due} and its {@code token.rotated} by the
 * records' Kafka timestamps (the producers' send time).
 */
final class TopicTail implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rotation's first order and its outcome, as Kafka timestamps in epoch milliseconds (0 when not seen yet). */
    static final class Rotation {
        final String credentialId;
        volatile String reason;
        volatile long dueAt;
        volatile long rotatedAt;
        volatile long failedAt;

        Rotation(String credentialId) {
            this.credentialId = credentialId;
        }
    }

    private final Map<String, Rotation> rotations = new ConcurrentHashMap<>();
    private final AtomicLong findings = new AtomicLong();
    private final Thread thread;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    TopicTail(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ROTATION_DUE, Topics.TOKEN_LIFECYCLE, Topics.AUDIT_FINDINGS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::follow, "topic-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                try {
                    take(record);
                } catch (IOException | RuntimeException e) {
                    System.err.println("unreadable record on " + record.topic() + ": " + e);
                }
            }
        }
        consumer.close();
    }

    private void take(ConsumerRecord<byte[], byte[]> record) throws IOException {
        if (record.topic().equals(Topics.AUDIT_FINDINGS)) {
            findings.incrementAndGet();
            return;
        }
        if (record.value() == null) {
            return;
        }
        JsonNode body = JSON.readTree(record.value());
        String rotationId = body.path("rotationId").asText(null);
        if (rotationId == null) {
            return;
        }
        Rotation rotation = rotations.computeIfAbsent(rotationId, id -> new Rotation(body.path("credentialId").asText()));
        String type = header(record, "ce_type");
        if (record.topic().equals(Topics.ROTATION_DUE)) {
            if (rotation.dueAt == 0) {
                rotation.dueAt = record.timestamp();
                rotation.reason = body.path("reason").asText();
            }
        } else if (type.equals(EventType.TOKEN_ROTATED.ceType()) && rotation.rotatedAt == 0) {
            rotation.rotatedAt = record.timestamp();
        } else if (type.equals(EventType.TOKEN_ROTATION_FAILED.ceType()) && rotation.failedAt == 0) {
            rotation.failedAt = record.timestamp();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The rotations of credentials whose id starts with {@code prefix}, ordered as an emergency or not. */
    List<Rotation> rotations(String prefix, boolean emergency) {
        return rotations.values().stream().filter(r -> r.reason != null && r.credentialId.startsWith(prefix)
                && "emergency".equals(r.reason) == emergency).toList();
    }

    long findings() {
        return findings.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
