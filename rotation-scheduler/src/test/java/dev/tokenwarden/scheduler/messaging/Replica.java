package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.scheduler.CloudEvents;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.domain.SchedulePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One scheduler replica without Quarkus: a {@link Schedule} fed through the production {@link ScheduleFeed},
 * a member of the ownership group whose assignment drives {@link Schedule#assign}/{@link Schedule#revoke}
 * as {@link OwnershipListener} does, and a reader of the whole inventory, credential.state, rotation.due and
 * rotation.requests topics as the service's full-read channels do. Passes are run by the test, at instants it
 * chooses; {@link #request} publishes what {@code POST /rotations} publishes.
 */
final class Replica implements AutoCloseable {
    private final Schedule schedule;
    private final KafkaConsumer<String, byte[]> ownership;
    private final KafkaConsumer<String, byte[]> reader;
    private final KafkaProducer<String, byte[]> producer;
    private final String rotationDueTopic;
    private final String requestsTopic;
    private final Set<String> requestsRead = ConcurrentHashMap.newKeySet();
    private final Thread loop;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    Replica(String name, String bootstrap, String group, SchedulePolicy policy, Topics topics) {
        this.schedule = new Schedule(policy);
        this.rotationDueTopic = topics.rotationDue();
        this.requestsTopic = topics.requests();
        ScheduleFeed feed = new ScheduleFeed(schedule, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        CloudEventReader events = CloudEventReader.accepting(EventType.INVENTORY_ENTRY, EventType.CREDENTIAL_STATE, EventType.ROTATION_DUE,
                EventType.ROTATION_REQUESTED);
        this.ownership = new KafkaConsumer<>(consumerConfig(bootstrap, group, name));
        this.reader = new KafkaConsumer<>(consumerConfig(bootstrap, null, name + "-reader"));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(topics.inventory(), topics.credentialState(), topics.rotationDue(), topics.requests())) {
            List<org.apache.kafka.common.PartitionInfo> partitions = reader.partitionsFor(topic);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions yet");
            }
            partitions.forEach(p -> all.add(new TopicPartition(topic, p.partition())));
        }
        reader.assign(all);
        reader.seekToBeginning(all);
        ownership.subscribe(List.of(topics.inventory()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                schedule.assign(partitions.stream().map(TopicPartition::partition).toList(), ownership.partitionsFor(topics.inventory()).size());
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                schedule.revoke(partitions.stream().map(TopicPartition::partition).toList());
            }
        });
        this.loop = new Thread(() -> {
            try {
                while (running) {
                    ownership.poll(Duration.ofMillis(50));
                    for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(50))) {
                        feed.apply(events.read(record), record.partition());
                        if (record.topic().equals(requestsTopic)) {
                            requestsRead.add(record.key());
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                ownership.close();
                reader.close();
            }
        }, "replica-" + name);
        loop.start();
    }

    Schedule schedule() {
        if (failure.get() != null) {
            throw new IllegalStateException("replica loop failed", failure.get());
        }
        return schedule;
    }

    /** A pass at {@code now}; what it emits is written to rotation.due before this returns. */
    List<RotationDue> pass(Instant now) throws Exception {
        List<RotationDue> emitted = schedule().pass(now).rotations();
        for (RotationDue due : emitted) {
            producer.send(CloudEvents.record(rotationDueTopic, Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE, due.credentialId(), due, now));
        }
        producer.flush();
        return emitted;
    }

    /** Publishes a manual or emergency request, as {@code POST /rotations} on this replica does. */
    void request(RotationRequested request) throws Exception {
        producer.send(CloudEvents.record(requestsTopic, Service.ROTATION_SCHEDULER, EventType.ROTATION_REQUESTED, request.requestId(), request,
                request.requestedAt())).get();
    }

    boolean hasRead(RotationRequested request) {
        return requestsRead.contains(request.requestId());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.join(30_000);
        producer.close();
    }

    private static Map<String, Object> consumerConfig(String bootstrap, String group, String clientId) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return config;
    }

    record Topics(String inventory, String credentialState, String rotationDue, String requests) {
    }
}
