package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether the broker has read its compacted topics ({@code ledger}, {@code credential.state},
 * {@code github.ratelimit}, {@code credential.usage}) up to where they ended when it started. Rotations, exposures and the sweep
 * wait for it: acting on a half-rebuilt ledger could mint twice or miss a pending revocation.
 */
@ApplicationScoped
public class StateRebuild {
    static final List<String> TOPICS = List.of(Topics.LEDGER, Topics.CREDENTIAL_STATE, Topics.GITHUB_RATELIMIT, Topics.CREDENTIAL_USAGE);

    private final Map<String, Object> kafkaConfig;
    private final Map<TopicPartition, Long> consumed = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> endsAtStart;
    private volatile boolean caughtUp;

    public StateRebuild(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    /** A state record was applied. */
    public void applied(ConsumerRecord<?, ?> record) {
        consumed.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    public boolean ready() {
        if (caughtUp) {
            return true;
        }
        Map<TopicPartition, Long> ends = endsAtStart();
        caughtUp = caughtUpWith(ends);
        return caughtUp;
    }

    /** Whether this process has applied every record before {@code ends} (end offsets of some of the state topics). */
    public boolean caughtUpWith(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Blocks until the rebuild is done; a {@link BrokerFailure} after {@code timeout}. */
    public void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new BrokerFailure("the ledger and credential states are not rebuilt from Kafka after " + timeout, true);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerFailure("interrupted while waiting for the state rebuild", true, e);
            }
        }
    }

    /** The end offsets, read once: the records to catch up with are those written before this process started. */
    private Map<TopicPartition, Long> endsAtStart() {
        Map<TopicPartition, Long> ends = endsAtStart;
        if (ends == null) {
            synchronized (this) {
                if (endsAtStart == null) {
                    endsAtStart = readEndOffsets();
                }
                ends = endsAtStart;
            }
        }
        return ends;
    }

    private Map<TopicPartition, Long> readEndOffsets() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                List<TopicPartition> topicPartitions = partitions.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                ends.putAll(consumer.endOffsets(topicPartitions, Duration.ofSeconds(10)));
            }
            return Map.copyOf(ends);
        }
    }
}
