package dev.tokenwarden.notifier;

import static dev.tokenwarden.notifier.ApiCallers.asOperator;
import static dev.tokenwarden.notifier.ApiCallers.asViewer;
import static dev.tokenwarden.notifier.TestRecords.awaitRecord;
import static dev.tokenwarden.notifier.TestRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.SilenceRecord;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Silences on the real broker: written before the answer, and taken in from another replica's writes. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SilenceLogTest {
    @Inject
    NotificationPipeline pipeline;

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
}
