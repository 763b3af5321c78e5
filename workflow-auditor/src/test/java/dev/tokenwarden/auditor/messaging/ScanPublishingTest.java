package dev.tokenwarden.auditor.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.TestWorkflows;
import dev.tokenwarden.auditor.TopicValues;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScanPublishingTest {
    private static final String OPERATOR_KEY = "operator-test-key-otto";
    private static final String VULNERABLE = TestWorkflows.TITLE_INJECTION;
    /** The same workflow with the title passed through an environment variable, as the remediation says. */
    private static final String FIXED = VULNERABLE.replace("""
                  - run: echo "${{ github.event.pull_request.title }}"
            """, """
                  - run: echo "$TITLE"
                    env:
                      TITLE: ${{ github.event.pull_request.title }}
            """);

    private TopicValues topics;

    @BeforeEach
    void connect() {
        topics = new TopicValues();
    }

    @AfterEach
    void close() {
        topics.close();
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
        List<JsonNode> baselines = topics.await("tokenwarden.audit.baseline", repository, values -> values.size() >= 2);
        assertThat(baselines.getLast().get("fingerprints")).extracting(JsonNode::asText).doesNotContain(fingerprint);
    }

    private static String scan(String repository, String workflow) {
        return given().header("X-Api-Key", OPERATOR_KEY).queryParam("repository", repository)
                .multiPart("file", ".github/workflows/ci.yml", workflow.getBytes(StandardCharsets.UTF_8), "text/yaml")
                .when().post("/scans")
                .then().statusCode(200).extract().header("Tokenwarden-Scan-Id");
    }

    /** Values of the topic's records with this key whose {@code field} equals {@code expected}, once at least {@code atLeast} arrived. */
    private List<JsonNode> awaitValues(String topic, String key, String expected, String field, int atLeast) {
        return topics.await(topic, key, values -> values.stream().filter(v -> expected.equals(v.path(field).asText())).count() >= atLeast)
                .stream().filter(v -> expected.equals(v.path(field).asText())).toList();
    }
}
