package dev.tokenwarden.auditor.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScanPublishingTest {
    private static final String OPERATOR_KEY = "operator-test-key-otto";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One job whose only step differs between the vulnerable and the fixed workflow. */
    private static final String JOB = """
            name: ci
            on: pull_request_target
            permissions: {}
            jobs:
              greet:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
            """;
    private static final String VULNERABLE = JOB + """
                  - run: echo "${{ github.event.pull_request.title }}"
            """;
    private static final String FIXED = JOB + """
                  - run: echo "$TITLE"
                    env:
                      TITLE: ${{ github.event.pull_request.title }}
            """;

    private KafkaCompanion companion;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        companion.close();
    }

    @Test
    void aRepositoryScanPublishesFindingsSummaryBaselineAndIncidentsAndAFixResolvesThem() {
        String repository = "acme/app-" + UUID.randomUUID().toString().substring(0, 8);
        String firstScan = scan(repository, VULNERABLE);

        List<JsonNode> findings = awaitValues("tokenwarden.audit.findings", repository, firstScan, "scanId", 1);
        assertThat(findings).extracting(f -> f.get("ruleId").asText()).contains("template-injection");
        JsonNode injection = findings.stream().filter(f -> f.get("ruleId").asText().equals("template-injection"))
                .findFirst().orElseThrow();
        String fingerprint = injection.get("fingerprint").asText();
        assertThat(injection.get("repository").asText()).isEqualTo(repository);

        JsonNode summary = awaitValues("tokenwarden.audit.scans", repository, firstScan, "scanId", 1).getFirst();
        assertThat(summary.get("trigger").asText()).isEqualTo("rest");
        assertThat(summary.get("newFindings").asInt()).isEqualTo(findings.size());

        String incidentKey = "audit-finding/" + repository + "/" + fingerprint;
        assertThat(awaitValues("tokenwarden.incidents", incidentKey, "firing", "status", 1)).hasSize(1);
        assertThat(awaitValues("tokenwarden.audit.baseline", repository, repository, "repository", 1).getLast()
                .get("fingerprints")).extracting(JsonNode::asText).contains(fingerprint);

        String secondScan = scan(repository, FIXED);
        JsonNode fixedSummary = awaitValues("tokenwarden.audit.scans", repository, secondScan, "scanId", 1).getFirst();
        assertThat(fixedSummary.get("resolvedFindings").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(awaitValues("tokenwarden.incidents", incidentKey, "resolved", "status", 1)).hasSize(1);
        assertThat(awaitValues("tokenwarden.audit.findings", repository, secondScan, "scanId", 0))
                .noneMatch(f -> f.get("fingerprint").asText().equals(fingerprint));
    }

    private static String scan(String repository, String workflow) {
        return given().header("X-Api-Key", OPERATOR_KEY).queryParam("repository", repository)
                .multiPart("file", ".github/workflows/ci.yml", workflow.getBytes(StandardCharsets.UTF_8), "text/yaml")
                .when().post("/scans")
                .then().statusCode(200).extract().header("Tokenwarden-Scan-Id");
    }

    /** Values of the topic's records with this key whose {@code field} equals {@code expected}, once at least {@code atLeast} arrived. */
    private List<JsonNode> awaitValues(String topic, String key, String expected, String field, int atLeast) {
        ConsumerTask<String, byte[]> task = companion.consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                .fromTopics(topic);
        try {
            return await().atMost(Duration.ofSeconds(20)).until(() -> task.getRecords().stream()
                    .filter(r -> key.equals(r.key()) && r.value() != null)
                    .map(ScanPublishingTest::json)
                    .filter(value -> expected.equals(value.path(field).asText()))
                    .toList(), values -> values.size() >= atLeast && (atLeast > 0 || task.count() > 0));
        } finally {
            task.stop();
        }
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
