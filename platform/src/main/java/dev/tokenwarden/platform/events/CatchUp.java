package dev.tokenwarden.platform.events;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * For a channel that reads a whole compacted topic into memory: starts each assigned partition from the
 * beginning and tells when everything that was in the topic at assignment has been consumed.
 */
public final class CatchUp implements KafkaConsumerRebalanceListener {
    private final Map<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean assigned;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        targets.putAll(consumer.endOffsets(partitions));
        assigned = true;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(targets::remove);
    }

    public void consumed(ConsumerRecord<?, ?> record) {
        positions.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    public boolean caughtUp() {
        return assigned && targets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
}
