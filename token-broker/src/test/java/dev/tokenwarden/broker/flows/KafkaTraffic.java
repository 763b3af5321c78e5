package dev.tokenwarden.broker.flows;

import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The test side of Kafka: produces what the scheduler and the auditor would, and records every record on
 * every tokenwarden topic from the start of the run, for assertions and the leak check.
 */
public final class KafkaTraffic {
    static final List<String> TOPICS = List.of(Topics.ROTATION_DUE, Topics.CREDENTIAL_EXPOSED, Topics.TOKEN_LIFECYCLE,
            Topics.CREDENTIAL_STATE, Topics.LEDGER, Topics.CREDENTIAL_USAGE, Topics.GITHUB_RATELIMIT, Topics.INCIDENTS, Topics.OPERATOR_ACTIONS,
            "tokenwarden.token-broker.rotation.due.dlq", "tokenwarden.token-broker.credential.exposed.dlq");

    private static KafkaTraffic instance;

    private final KafkaCompanion companion;
    private final ConsumerTask<String, byte[]> recorded;

    private KafkaTraffic(KafkaCompanion companion) {
        this.companion = companion;
        Set<String> existing = companion.topics().list();
        TOPICS.stream().filter(t -> !existing.contains(t)).forEach(this::createUnlessRaced);
        this.recorded = companion.consume(Serdes.String(), Serdes.ByteArray()).fromTopics(Set.copyOf(TOPICS));
    }

    /** The broker under test creates a topic on its first send, which may come between the listing and this. */
    private void createUnlessRaced(String topic) {
        try {
            companion.topics().createAndWait(topic, 1);
        } catch (TopicExistsException raced) {
            // created meanwhile: what was wanted
        }
    }

    public static synchronized KafkaTraffic get() {
        if (instance == null) {
            instance = new KafkaTraffic(new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)));
        }
        return instance;
    }

    /** Produces {@code payload} as {@code from} would, with a fresh {@code ce_id}. */
    public void produce(Service from, EventType type, String key, Record payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        headers.add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        headers.add(CloudEventHeaders.SOURCE, bytes(from.source()));
        headers.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        headers.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(key));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(type.topic(), null, key, EventJson.write(payload), headers))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    /** Every record so far. */
    public List<ConsumerRecord<String, byte[]>> records() {
        return recorded.getRecords();
    }

    /** Waits for the first record of {@code type} keyed {@code key} that matches, and returns its payload. */
    public <T extends Record> T awaitEvent(EventType type, String key, Class<T> payload, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> events(type, key, payload).stream().filter(matching).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    public <T extends Record> List<T> events(EventType type, String key, Class<T> payload) {
        return records().stream()
                .filter(r -> r.topic().equals(type.topic()) && key.equals(r.key()) && r.value() != null)
                .filter(r -> type.ceType().equals(header(r, CloudEventHeaders.TYPE)))
                .map(r -> EventJson.read(r.value(), payload))
                .collect(Collectors.toList());
    }

    /** Waits until the broker's {@code group} has committed every record on every partition of {@code topic} produced so far. */
    public void awaitConsumed(String group, String topic) {
        List<TopicPartition> partitions = companion.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = partitions.stream().collect(Collectors.toMap(p -> p,
                p -> companion.offsets().get(p, org.apache.kafka.clients.admin.OffsetSpec.latest()).offset()));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = companion.consumerGroups().offsets(group, partitions);
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
        });
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
