package dev.tokenwarden.notifier;

import static dev.tokenwarden.notifier.ApiCallers.asOperator;
import static dev.tokenwarden.notifier.ApiCallers.asViewer;
import static dev.tokenwarden.notifier.TestRecords.awaitRecord;
import static dev.tokenwarden.notifier.TestRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.SilenceRecord;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.notifier.domain.Silences;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.notifier.messaging.StateRebuild;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** Silences on the real broker: written before the answer, taken in from another replica's writes, deleted by tombstones. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SilenceLogTest {
    @Inject
    NotificationPipeline pipeline;

    @Inject
    StateRebuild rebuild;

    @Test
    void aCreatedSilenceIsOnItsCompactedTopicKeyedByItsId() {
        Map<String, Object> request = Map.of("matchers", List.of("credential=\"cred-" + UUID.randomUUID() + "\""),
                "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(), "comment", "durable");
        String id = asOperator().contentType(ContentType.JSON).body(request).post("/silences").then().statusCode(201)
                .extract().path("id");

        try (KafkaCompanion companion = TestRecords.companion()) {
            ConsumerRecord<String, byte[]> written = awaitRecord(companion, "tokenwarden.silences", id);
            assertThat(header(written, CloudEventHeaders.TYPE)).isEqualTo(EventType.SILENCE.ceType());
            SilenceRecord record = EventJson.read(written.value(), SilenceRecord.class);
            assertThat(record.createdBy()).isEqualTo(ApiCallers.OPERATOR);
            assertThat(record.matchers()).isEqualTo(request.get("matchers"));
            assertThat(record.expiredBy()).isNull();
        }
    }

    @Test
    void aSilenceAnotherReplicaWroteIsListedAndMutesHere() {
        String credential = "cred-" + UUID.randomUUID();
        Instant now = Instant.now();
        SilenceRecord fromOtherReplica = new SilenceRecord(UUID.randomUUID().toString(), List.of("credential=\"" + credential + "\""),
                now, now.plus(Duration.ofHours(1)), "someone-else", "written by the other replica", null, now);
        try (KafkaCompanion companion = TestRecords.companion()) {
            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, fromOtherReplica.id(), EventJson.write(fromOtherReplica));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().get("/silences").then().statusCode(200).body("id", hasItem(fromOtherReplica.id())));
        Incident incident = new Incident("expiring/" + credential, IncidentStatus.FIRING, "expiring", Severity.MEDIUM, "expiring",
                "replicas agree", Map.of("credential", credential), now, now, List.of());
        assertThat(pipeline.dispatcher().muteReason(incident, Instant.now())).contains("silenced by " + fromOtherReplica.id());
    }

    @Test
    void aSilenceRecordWithABadMatcherGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"matchers\":[\"credential=~\\\"(\\\"\"],\"startsAt\":\"2026-11-22T10:00:00Z\","
                + "\"endsAt\":\"2026-11-22T11:00:00Z\",\"createdBy\":\"x\",\"comment\":\"bad regex\",\"updatedAt\":\"2026-11-22T10:00:00Z\"}";
        try (KafkaCompanion companion = TestRecords.companion()) {
            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, id, body.getBytes(StandardCharsets.UTF_8));
            ConsumerRecord<String, byte[]> dead = awaitRecord(companion, "tokenwarden.notifier.silences.dlq", id);
            assertThat(header(dead, "dead-letter-reason")).startsWith("malformed-body:");
        }
        asViewer().get("/silences").then().statusCode(200).body("id", not(hasItem(id)));
    }

    @Test
    void aTombstoneRemovesTheSilenceHereAndFromTheRebuildWithoutBeingDeadLettered() {
        Instant now = Instant.now();
        SilenceRecord fromOtherReplica = new SilenceRecord(UUID.randomUUID().toString(), List.of("credential=\"cred-" + UUID.randomUUID() + "\""),
                now, now.plus(Duration.ofHours(1)), "someone-else", "dropped by the other replica", null, now);
        String id = fromOtherReplica.id();
        try (KafkaCompanion companion = TestRecords.companion()) {
            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, id, EventJson.write(fromOtherReplica));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    asViewer().get("/silences").then().statusCode(200).body("id", hasItem(id)));

            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, id, null);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    asViewer().get("/silences").then().statusCode(200).body("id", not(hasItem(id))));

            // A refused record under the same key follows the tombstone on its partition and is dead-lettered in order:
            // once it is on the dead-letter topic, a dead-lettered tombstone would be there before it.
            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, id, "{}".getBytes(StandardCharsets.UTF_8));
            ConsumerTask<String, byte[]> dead = companion.consume(Serdes.String(), Serdes.ByteArray())
                    .fromTopics("tokenwarden.notifier.silences.dlq");
            try {
                List<ConsumerRecord<String, byte[]>> deadOfThisKey = await().atMost(Duration.ofSeconds(30)).until(
                        () -> dead.getRecords().stream().filter(r -> id.equals(r.key())).toList(),
                        records -> records.stream().anyMatch(r -> r.value() != null));
                assertThat(deadOfThisKey).hasSize(1);
            } finally {
                dead.close();
            }
        }

        Silences rebuilt = new Silences();
        rebuild.replayInto(new StateRebuild.Target() {
            @Override
            public void replay(Silence silence) {
                rebuilt.apply(silence);
            }

            @Override
            public void removeSilence(String silenceId) {
                rebuilt.remove(silenceId);
            }

            @Override
            public void replay(Incident incident, Instant recordedAt) {
            }

            @Override
            public void replay(DeliveryRecord record) {
            }
        });
        assertThat(rebuilt.get(id)).isEmpty();
    }

    @Test
    void aSilenceEndedLongerThanTheRetentionAgoIsDroppedWithATombstone() {
        Instant now = Instant.now();
        SilenceRecord longEnded = new SilenceRecord(UUID.randomUUID().toString(), List.of("credential=\"cred-" + UUID.randomUUID() + "\""),
                now.minus(Duration.ofDays(7)), now.minus(Duration.ofDays(6)), "someone-else", "ended six days ago", null,
                now.minus(Duration.ofDays(7)));
        try (KafkaCompanion companion = TestRecords.companion()) {
            TestRecords.produce(companion, EventType.SILENCE, Service.NOTIFIER, longEnded.id(), EventJson.write(longEnded));
            ConsumerTask<String, byte[]> silences = companion.consume(Serdes.String(), Serdes.ByteArray()).fromTopics("tokenwarden.silences");
            try {
                ConsumerRecord<String, byte[]> tombstone = await().atMost(Duration.ofSeconds(30)).until(() -> silences.getRecords().stream()
                        .filter(r -> longEnded.id().equals(r.key()) && r.value() == null).findFirst().orElse(null), r -> r != null);
                assertThat(header(tombstone, CloudEventHeaders.TYPE)).isEqualTo(EventType.SILENCE.ceType());
            } finally {
                silences.close();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().get("/silences").then().statusCode(200).body("id", not(hasItem(longEnded.id()))));
    }
}
