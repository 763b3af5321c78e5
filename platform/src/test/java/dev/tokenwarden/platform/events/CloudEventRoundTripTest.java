package dev.tokenwarden.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CloudEventRoundTripTest {
    private static final String DLQ = "tokenwarden.platform-test.incidents.dlq";

    @Inject
    IncidentPublisher incidents;

    @Inject
    IncidentProbe probe;

    @Inject
    Tracer tracer;

    KafkaCompanion companion;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        companion.close();
    }

    @Test
    void publishedEventArrivesWithHeadersTraceContextAndPayload() throws Exception {
        Incident incident = incident("rotation-failed/cred-" + UUID.randomUUID());
        Span span = tracer.spanBuilder("round-trip").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            incidents.publish(incident)
                    .toCompletableFuture().get();
        } finally {
            span.end();
        }

        IncidentProbe.Received received = awaitReceived(incident.incidentKey());
        assertThat(received.event().type()).isEqualTo(EventType.INCIDENT);
        assertThat(received.event().source().source()).isEqualTo("/tokenwarden/token-broker");
        assertThat(received.event().subject()).isEqualTo(incident.incidentKey());
        assertThat(received.event().key()).isEqualTo(incident.incidentKey());
        assertThat(received.event().payload(Incident.class)).isEqualTo(incident);
        assertThat(received.traceparent())
                .as("W3C trace context propagated through Kafka headers")
                .contains(span.getSpanContext().getTraceId());
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicAndTheNextGoodOneIsStillConsumed() throws Exception {
        String runId = UUID.randomUUID().toString();
        produceRaw("malformed-" + runId, "/tokenwarden/token-broker", "{not json".getBytes(StandardCharsets.UTF_8));
        produceRaw("spoofed-" + runId, "/tokenwarden/evil", EventJson.write(incident("spoofed-" + runId)));
        produceRaw("missing-field-" + runId, "/tokenwarden/notifier",
                "{\"incidentKey\":\"missing-field\",\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8));
        Incident good = incident("good-" + runId);
        incidents.publish(good).toCompletableFuture().get();

        awaitReceived(good.incidentKey());
        List<ConsumerRecord<String, byte[]>> dead = companion.consume(Serdes.String(), Serdes.ByteArray())
                .fromTopics(DLQ)
                .awaitRecords(3, Duration.ofSeconds(30))
                .getRecords();
        Map<String, String> reasonsByKey = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : dead) {
            reasonsByKey.put(record.key(), new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
        }
        assertThat(reasonsByKey.get("malformed-" + runId)).startsWith("malformed-body:");
        assertThat(reasonsByKey.get("spoofed-" + runId)).startsWith("disallowed-source:").contains("/tokenwarden/evil");
        assertThat(reasonsByKey.get("missing-field-" + runId)).startsWith("malformed-body:").contains("type");
        assertThat(probe.received()).noneMatch(r -> r.event().key().endsWith(runId) && !r.event().key().startsWith("good-"));
    }

    private void produceRaw(String key, String source, byte[] body) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, source.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, EventType.INCIDENT.ceType().getBytes(StandardCharsets.UTF_8));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>("tokenwarden.incidents", null, key, body, headers))
                .awaitCompletion();
    }

    private IncidentProbe.Received awaitReceived(String key) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> probe.received().stream().filter(r -> key.equals(r.event().key())).findFirst().orElse(null),
                r -> r != null);
    }

    private static Incident incident(String key) {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        return new Incident(key, IncidentStatus.FIRING, "rotation-failed", Severity.HIGH, "Rotation failed",
                "GitHub answered 502 three times", Map.of("tier", "deployment"), now, now, List.of());
    }
}
