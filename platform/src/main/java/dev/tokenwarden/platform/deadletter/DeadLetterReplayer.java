package dev.tokenwarden.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead-lettered records back to the topic they came from, unchanged but for the
 * {@code dead-letter-*} headers. Progress is committed under a consumer group of its own, so each
 * dead letter is replayed once however often an operator asks; the consumers being idempotent on
 * {@code ce_id}, a record replayed after it was in fact processed does nothing.
 */
public final class DeadLetterReplayer {
    /** SmallRye's dead-letter strategy records the original topic in this header. */
    static final String ORIGINAL_TOPIC_HEADER = "dead-letter-topic";
    private static final String DEAD_LETTER_HEADER_PREFIX = "dead-letter-";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafkaClientConfig;
    private final String replayGroup;

    /**
     * @param kafkaClientConfig the service's own Kafka client settings (address, SASL or TLS), so the
     *     replay connects as the service does and its ACLs apply
     */
    public DeadLetterReplayer(Map<String, Object> kafkaClientConfig, String replayGroup) {
        this.kafkaClientConfig = Map.copyOf(kafkaClientConfig);
        this.replayGroup = replayGroup;
    }

    /** What one replay did; {@code remaining} counts records left for the next call when {@code max} was reached. */
    public record Outcome(String deadLetterTopic, int replayed, int skipped, long remaining) {
    }

    /** Replays at most {@code max} records of {@code deadLetterTopic} not replayed before. */
    public Outcome replay(String deadLetterTopic, int max) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            if (partitions.isEmpty()) {
                return new Outcome(deadLetterTopic, 0, 0, 0);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            int replayed = 0;
            int skipped = 0;
            Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
            while (replayed + skipped < max && !caughtUp(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition) || replayed + skipped >= max) {
                        continue;
                    }
                    String original = header(record, ORIGINAL_TOPIC_HEADER);
                    if (original == null) {
                        skipped++;
                    } else {
                        send(producer, new ProducerRecord<>(original, null, record.key(), record.value(), withoutDeadLetterHeaders(record)));
                        replayed++;
                    }
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (!progress.isEmpty()) {
                    consumer.commitSync(progress);
                }
            }
            long remaining = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = progress.getOrDefault(partition, committed.get(partition));
                remaining += end.get(partition) - (done == null ? consumer.beginningOffsets(List.of(partition)).get(partition) : done.offset());
            }
            return new Outcome(deadLetterTopic, replayed, skipped, Math.max(0, remaining));
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos != null) {
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay a record to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.putAll(kafkaClientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.putAll(kafkaClientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        return config;
    }
}
