package dev.tokenwarden.broker.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Which replica does a job only one may do at a time: the member of a Kafka consumer group that is assigned partition 0
 * of {@code topic}. Kafka gives each partition to exactly one member, hands it on within a rebalance when that member
 * leaves or stops answering, and the member reads nothing (every partition stays paused): the group is only the lease.
 *
 * <p>{@link #whileHeld} runs the job under a lock that the revocation of the partition also takes, so a replica losing
 * the lease first finishes the job in progress and the next holder can only start after it. On taking the lease it
 * notes the topic's end offsets ({@link #endsWhenAcquired}): what the previous holder wrote, which the new holder's
 * state must have read before it acts on it.
 */
public final class PollerLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PollerLease.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition leader;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean held;
    private volatile boolean running = true;
    private volatile Map<TopicPartition, Long> endsWhenAcquired = Map.of();

    /** Joins {@code group} on {@code topic}; {@code kafkaConfig} is the broker connection (bootstrap servers, security). */
    public PollerLease(Map<String, Object> kafkaConfig, String topic, String group, String name) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(config);
        this.leader = new TopicPartition(topic, 0);
        this.name = name;
        this.thread = new Thread(this::run, "poller-lease-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean held() {
        return held;
    }

    /** The end offsets of the topic's partitions when this replica took the lease; empty while it does not hold it. */
    public Map<TopicPartition, Long> endsWhenAcquired() {
        return endsWhenAcquired;
    }

    /** Runs {@code job} when this replica holds the lease, and keeps it held until the job returns. */
    public <T> Optional<T> whileHeld(Supplier<T> job) {
        lock.lock();
        try {
            return held ? Optional.ofNullable(job.get()) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(leader.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (partitions.contains(leader)) {
                        release();
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    if (partitions.contains(leader)) {
                        release();
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    consumer.pause(consumer.assignment());
                    if (partitions.contains(leader)) {
                        List<TopicPartition> all = consumer.partitionsFor(leader.topic()).stream()
                                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                        endsWhenAcquired = Map.copyOf(consumer.endOffsets(all));
                        held = true;
                        LOG.infof("%s holds the lease (%s in its group)", name, leader);
                    }
                }
            });
            while (running) {
                consumer.poll(POLL);
            }
        } catch (WakeupException closing) {
            // close() woke the poll up.
        } finally {
            release();
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    /** Waits for a job in progress, then gives the lease up. */
    private void release() {
        lock.lock();
        try {
            if (held) {
                LOG.infof("%s gives the lease up", name);
            }
            held = false;
            endsWhenAcquired = Map.of();
        } finally {
            lock.unlock();
        }
    }

    /** Leaves the group, so another member takes the lease at once rather than after the session times out. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
