package dev.tokenwarden.bench.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Samples every consumer group's lag once a second with the admin API: records behind (log end minus committed offset)
 * and seconds behind (now minus the Kafka timestamp of the oldest record not yet committed). Committed offsets trail
 * what a service has processed by up to its commit interval, so these are upper bounds of the processing lag.
 */
final class LagSampler implements AutoCloseable {
    /** The worst a group showed over the samples of one phase. */
    record GroupLag(long maxRecords, double maxSeconds) {
    }

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> peek;
    private final Map<String, GroupLag> worst = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long samples;

    LagSampler(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        peek = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        thread = new Thread(this::sampleEverySecond, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleEverySecond() {
        while (running) {
            long started = System.nanoTime();
            try {
                sample();
                samples++;
            } catch (Exception e) {
                System.err.println("lag sample failed: " + e);
            }
            long left = 1_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void sample() throws Exception {
        Set<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
                .collect(Collectors.toSet());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        for (String group : groups) {
            committed.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(p -> latest.put(p, OffsetSpec.latest())));
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long now = System.currentTimeMillis();
        committed.forEach((group, offsets) -> {
            long records = 0;
            double seconds = 0;
            for (var entry : offsets.entrySet()) {
                if (entry.getValue() == null) {
                    continue;
                }
                long behind = ends.get(entry.getKey()).offset() - entry.getValue().offset();
                if (behind > 0) {
                    records += behind;
                    seconds = Math.max(seconds, (now - timestampAt(entry.getKey(), entry.getValue().offset())) / 1000.0);
                }
            }
            long r = records;
            double s = seconds;
            worst.merge(group, new GroupLag(r, s), (a, b) -> new GroupLag(Math.max(a.maxRecords, b.maxRecords), Math.max(a.maxSeconds, b.maxSeconds)));
        });
    }

    /** The Kafka timestamp of the record at {@code offset}; now when it cannot be read (then it counts as no time behind). */
    private long timestampAt(TopicPartition partition, long offset) {
        peek.assign(Set.of(partition));
        peek.seek(partition, offset);
        for (ConsumerRecord<byte[], byte[]> record : peek.poll(Duration.ofMillis(500))) {
            return record.timestamp();
        }
        return System.currentTimeMillis();
    }

    /** The worst lag per group since the last call, and starts a new phase. */
    Map<String, GroupLag> takeWorst() {
        Map<String, GroupLag> phase = new TreeMap<>(worst);
        worst.clear();
        return phase;
    }

    long samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        peek.close();
        admin.close();
    }
}
