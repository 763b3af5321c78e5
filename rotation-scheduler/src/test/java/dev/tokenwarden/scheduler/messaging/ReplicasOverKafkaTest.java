package dev.tokenwarden.scheduler.messaging;

import static dev.tokenwarden.scheduler.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.sandbox.kafka.SharedKafka;
import dev.tokenwarden.scheduler.CloudEvents;
import dev.tokenwarden.scheduler.domain.Fixtures;
import dev.tokenwarden.scheduler.domain.RotationIds;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.domain.Upcoming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduler replicas as plain-Java schedules with their own Kafka consumers, against the real sandbox
 * broker: partition ownership splits the work without double emission, a stopped replica's partitions
 * are taken over, and a restarted replica rebuilds from the topics and emits nothing twice.
 */
class ReplicasOverKafkaTest {
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final String bootstrap = SharedKafka.bootstrapServers();
    private Replica.Topics topics;
    private String group;

    /**
     * Fresh topics per test. On the loaded 2-core build machines a freshly created partition has been seen to
     * answer NOT_LEADER_OR_FOLLOWER for minutes; such topics are abandoned for new ones, after a probe
     * record (a valid no-op for the replicas) could not be written to every partition.
     */
    @BeforeEach
    void createWritableTopics() throws Exception {
        for (int attempt = 1; attempt <= 3; attempt++) {
            String run = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
            topics = new Replica.Topics(run + ".inventory", run + ".credential.state", run + ".rotation.due", run + ".rotation.requests");
            group = run + "-scheduler";
            List<String> names = List.of(topics.inventory(), topics.credentialState(), topics.rotationDue(), topics.requests());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(names.stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList()).all().get();
                await().atMost(WAIT).ignoreExceptions().until(() -> admin.describeTopics(names).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().size() == PARTITIONS && d.partitions().stream().allMatch(p -> p.leader() != null)));
            }
            if (everyPartitionTakesAProbe()) {
                return;
            }
        }
        throw new IllegalStateException("three sets of fresh topics were not writable");
    }

    private boolean everyPartitionTakesAProbe() throws InterruptedException {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        InventoryEntry probe = Fixtures.pat("probe", "read");
        RotationDue probeDue = new RotationDue("probe", "probe", T0, T0, RotationReason.MANUAL, 1, "probe", probe);
        RotationRequested probeRequest = new RotationRequested("probe", RotationScope.CREDENTIAL, "probe", RotationReason.MANUAL, "probe", T0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                sent.add(producer.send(partitioned(CloudEvents.record(topics.inventory(), Service.ROTATION_SCHEDULER, EventType.INVENTORY_ENTRY,
                        "probe", null, T0), p)));
                sent.add(producer.send(partitioned(CloudEvents.record(topics.credentialState(), Service.TOKEN_BROKER, EventType.CREDENTIAL_STATE,
                        "probe", null, T0), p)));
                sent.add(producer.send(partitioned(CloudEvents.record(topics.rotationDue(), Service.ROTATION_SCHEDULER, EventType.ROTATION_DUE,
                        "probe", probeDue, T0), p)));
                sent.add(producer.send(partitioned(CloudEvents.record(topics.requests(), Service.ROTATION_SCHEDULER, EventType.ROTATION_REQUESTED,
                        "probe", probeRequest, T0), p)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private static ProducerRecord<String, byte[]> partitioned(ProducerRecord<String, byte[]> record, int partition) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    @Test
    void twoReplicasShareAThousandCredentialsWithoutDoubleEmissionAndOneTakesOverWhenTheOtherStops() throws Exception {
        List<String> ids = writeInventory(1000);
        Replica a = new Replica("a", bootstrap, group, Fixtures.policy(), topics);
        try (Replica b = new Replica("b", bootstrap, group, Fixtures.policy(), topics)) {
            awaitCatalogue(a, 1000);
            awaitCatalogue(b, 1000);
            await().atMost(WAIT).until(() -> disjointAndComplete(a.schedule().ownedPartitions(), b.schedule().ownedPartitions()));

            List<RotationDue> byA = a.pass(T0);
            List<RotationDue> byB = b.pass(T0);
            Set<String> idsA = byA.stream().map(RotationDue::credentialId).collect(Collectors.toSet());
            Set<String> idsB = byB.stream().map(RotationDue::credentialId).collect(Collectors.toSet());
            assertThat(idsA).isNotEmpty().doesNotContainAnyElementsOf(idsB);
            assertThat(byA.size() + byB.size()).isEqualTo(1000);
            assertThat(union(idsA, idsB)).containsExactlyInAnyOrderElementsOf(ids);

            awaitReadBack(b, ids);
            a.close();
            await().atMost(WAIT).until(() -> b.schedule().ownedPartitions().size() == PARTITIONS);

            assertThat(b.pass(T0.plus(Duration.ofMinutes(5)))).as("nothing emitted twice after the takeover").isEmpty();
            List<RotationDue> retries = b.pass(T0.plus(Duration.ofMinutes(10)));
            Map<String, RotationDue> first = union(byA, byB);
            assertThat(retries).hasSize(1000).allSatisfy(r -> {
                assertThat(r.attempt()).isEqualTo(2);
                assertThat(r.reason()).isEqualTo(RotationReason.RETRY);
                assertThat(r.rotationId()).isEqualTo(first.get(r.credentialId()).rotationId());
            });
            assertThat(retries.stream().map(RotationDue::credentialId)).as("B now rotates A's former credentials").containsAll(idsA);
        } finally {
            a.close();
        }
    }

    @Test
    void aRestartedReplicaRebuildsFromTheTopicsAndEmitsNothingTwice() throws Exception {
        List<String> ids = writeInventory(50);
        List<RotationDue> before;
        try (Replica first = new Replica("first", bootstrap, group, Fixtures.policy(), topics)) {
            awaitCatalogue(first, 50);
            await().atMost(WAIT).until(() -> first.schedule().ownedPartitions().size() == PARTITIONS);
            before = first.pass(T0);
            assertThat(before).hasSize(50);
        }
        List<String> confirmed = ids.subList(0, 10);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String id : confirmed) {
                RotationDue due = before.stream().filter(r -> r.credentialId().equals(id)).findFirst().orElseThrow();
                producer.send(CloudEvents.record(topics.credentialState(), Service.TOKEN_BROKER, EventType.CREDENTIAL_STATE, id,
                        Fixtures.rotated(id, T0.plusSeconds(30), T0.plus(Duration.ofMinutes(60)), due.rotationId()), T0.plusSeconds(30)));
            }
        }

        try (Replica restarted = new Replica("restarted", bootstrap, group, Fixtures.policy(), topics)) {
            awaitCatalogue(restarted, 50);
            awaitReadBack(restarted, ids);
            await().atMost(WAIT).until(() -> restarted.schedule().ownedPartitions().size() == PARTITIONS
                    && awaiting(restarted.schedule()) == 40);

            assertThat(restarted.pass(T0.plus(Duration.ofMinutes(5)))).isEmpty();
            List<RotationDue> retries = restarted.pass(T0.plus(Duration.ofMinutes(10)));
            Map<String, RotationDue> emitted = before.stream().collect(Collectors.toMap(RotationDue::credentialId, Function.identity()));
            assertThat(retries).hasSize(40).allSatisfy(r -> {
                assertThat(confirmed).doesNotContain(r.credentialId());
                assertThat(r.rotationId()).isEqualTo(emitted.get(r.credentialId()).rotationId());
                assertThat(r.attempt()).isEqualTo(2);
            });
        }
    }

    /**
     * A request taken by replica A reaches the credentials B owns, and survives B's restart before B emitted
     * anything for it: the restarted B reads it back and emits its share, once.
     */
    @Test
    void aRequestOnOneReplicaRotatesTheOthersCredentialsEvenAcrossItsRestart() throws Exception {
        List<String> ids = writeInventory(60);
        Replica a = new Replica("a", bootstrap, group, Fixtures.policy(), topics);
        try {
            List<RotationDue> scheduled = new ArrayList<>();
            try (Replica b = new Replica("b", bootstrap, group, Fixtures.policy(), topics)) {
                awaitCatalogue(a, 60);
                awaitCatalogue(b, 60);
                await().atMost(WAIT).until(() -> disjointAndComplete(a.schedule().ownedPartitions(), b.schedule().ownedPartitions()));
                scheduled.addAll(a.pass(T0));
                scheduled.addAll(b.pass(T0));
                assertThat(scheduled).hasSize(60);
                awaitReadBack(b, ids);
            }
            Instant at = T0.plus(Duration.ofMinutes(1));
            RotationRequested request = new RotationRequested("req-" + UUID.randomUUID(), RotationScope.CONSUMER, "ci", RotationReason.EMERGENCY,
                    "otto", at);
            a.request(request);

            try (Replica restarted = new Replica("b-restarted", bootstrap, group, Fixtures.policy(), topics)) {
                awaitCatalogue(restarted, 60);
                awaitReadBack(restarted, ids);
                await().atMost(WAIT).until(() -> restarted.hasRead(request) && a.hasRead(request)
                        && disjointAndComplete(a.schedule().ownedPartitions(), restarted.schedule().ownedPartitions()));

                List<RotationDue> byA = a.pass(at);
                await().atMost(WAIT).until(() -> byA.stream().allMatch(r -> restarted.schedule().history(r.credentialId()).stream()
                        .anyMatch(h -> h.rotationId().equals(r.rotationId()))));
                List<RotationDue> byB = restarted.pass(at);

                assertThat(byB).as("the other replica's share").isNotEmpty();
                assertThat(byA).isNotEmpty();
                assertThat(Stream.concat(byA.stream(), byB.stream())).allSatisfy(r -> {
                    assertThat(r.reason()).isEqualTo(RotationReason.EMERGENCY);
                    assertThat(r.requestedBy()).isEqualTo("otto");
                    assertThat(r.rotationId()).isEqualTo(RotationIds.of(r.credentialId(), at));
                }).extracting(RotationDue::credentialId).containsExactlyInAnyOrderElementsOf(ids);
                assertThat(a.pass(at.plusSeconds(5))).as("nothing twice").isEmpty();
                assertThat(restarted.pass(at.plusSeconds(5))).as("nothing twice").isEmpty();
            }
        } finally {
            a.close();
        }
    }

    /** Writes the inventory and waits for every acknowledgement: a freshly created partition may take a while to get its leader. */
    private List<String> writeInventory(int count) throws Exception {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> String.format("cred-%04d", i)).toList();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                InventoryEntry entry = Fixtures.installation(ids.get(i), "read", 1 + i % 100);
                sent.add(producer.send(CloudEvents.record(topics.inventory(), Service.ROTATION_SCHEDULER, EventType.INVENTORY_ENTRY, entry.id(), entry, T0)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        return ids;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(producerConfig());
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private static void awaitCatalogue(Replica replica, int size) {
        await().atMost(WAIT).until(() -> replica.schedule().entries().size() == size);
    }

    private static void awaitReadBack(Replica replica, List<String> ids) {
        Schedule schedule = replica.schedule();
        await().atMost(WAIT).until(() -> ids.stream().noneMatch(id -> schedule.history(id).isEmpty()));
    }

    /** Credentials whose emitted rotation credential.state has not confirmed. */
    private static long awaiting(Schedule schedule) {
        return schedule.upcoming(T0.plus(Duration.ofDays(1)), 1000).stream()
                .filter(u -> u.status() == Upcoming.Status.AWAITING_CONFIRMATION).count();
    }

    private static boolean disjointAndComplete(Set<Integer> a, Set<Integer> b) {
        return !a.isEmpty() && !b.isEmpty() && a.stream().noneMatch(b::contains) && a.size() + b.size() == PARTITIONS;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, RotationDue> union(List<RotationDue> a, List<RotationDue> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toMap(RotationDue::credentialId, Function.identity()));
    }
}
