package dev.tokenwarden.auditor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.TestWorkflows;
import dev.tokenwarden.auditor.TopicValues;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.webhook.DeliveryLog;
import dev.tokenwarden.auditor.domain.webhook.WebhookSignature;
import dev.tokenwarden.auditor.messaging.RepositoryScan;
import dev.tokenwarden.auditor.messaging.ScanPublisher;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.sandbox.github.GitHubTokenShapes;
import dev.tokenwarden.sandbox.github.GitHubWebhooks;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.github.SimulatedCheckRun;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class GitHubWebhookTest {
    private static final String SECRET = "auditor-test-webhook-secret";
    private static final long INSTALLATION = 7L;
    private static final String WORKFLOW = ".github/workflows/ci.yml";

    @TestHTTPResource("/webhooks/github")
    URI webhook;

    @Inject
    ScanPublisher scans;

    @Inject
    DeliveryLog deliveryLog;

    private TopicValues topics;
    private final GitHubWebhooks deliveries = TestGitHub.simulator().webhooks(SECRET);

    @BeforeEach
    void connect() {
        topics = new TopicValues();
    }

    @AfterEach
    void close() {
        topics.close();
    }

    @Test
    void aMissingOrWrongSignatureIs401() {
        byte[] body = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-1")
                .body(body).when().post("/webhooks/github")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().contentType("application/json").header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-1")
                .header("X-Hub-Signature-256", new WebhookSignature("not the secret").sign(body))
                .body(body).when().post("/webhooks/github")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aSignatureOfAnotherBodyOrInAnotherFormIs401EvenForTenMegabytes() {
        byte[] body = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        String valid = new WebhookSignature(SECRET).sign(body);
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) '{');
        for (String signature : List.of(new WebhookSignature(SECRET).sign("{\"zen\":\"ho\"}".getBytes(StandardCharsets.UTF_8)),
                valid.substring("sha256=".length()), valid.replace("sha256=", "sha1="), valid.substring(0, valid.length() - 2), "")) {
            signed(body, "ping", "d-forged", signature).then().statusCode(401).contentType("application/problem+json");
        }
        signed(tenMegabytes, "push", "d-forged-big", valid).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void signedButHostileBodiesAre4xxProblemsAndTheDeliveryIdStaysUsable() {
        String deliveryId = "d-hostile-" + UUID.randomUUID();
        byte[] tenMegabytesOfJunk = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytesOfJunk, (byte) 'x');
        byte[] deep = ("[".repeat(200_000) + "]".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
        byte[] deepObject = ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        for (byte[] body : List.of(tenMegabytesOfJunk, deep, deepObject)) {
            String answer = signed(body, "push", deliveryId, new WebhookSignature(SECRET).sign(body))
                    .then().statusCode(400).contentType("application/problem+json").extract().asString();
            assertThat(answer).doesNotContain("Exception");
        }
        // Signed JSON that is no push GitHub would send names no workflow to scan: acknowledged, nothing fetched.
        for (String wrongShape : List.of("[]", "{}", "{\"repository\": 5, \"after\": [], \"commits\": \"x\"}", "\"push\"")) {
            byte[] body = wrongShape.getBytes(StandardCharsets.UTF_8);
            signed(body, "push", deliveryId + "-" + wrongShape.hashCode(), new WebhookSignature(SECRET).sign(body)).then().statusCode(202);
        }
        byte[] ping = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        signed(ping, "ping", deliveryId, new WebhookSignature(SECRET).sign(ping)).then().statusCode(200);
    }

    private static io.restassured.response.Response signed(byte[] body, String event, String deliveryId, String signature) {
        return given().contentType("application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", signature).body(body).when().post("/webhooks/github");
    }

    @Test
    void pingIs200AndAnUnknownEventIsAcceptedAndIgnored() {
        byte[] body = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        String signature = new WebhookSignature(SECRET).sign(body);
        given().contentType("application/json").header("X-GitHub-Event", "ping").header("X-GitHub-Delivery", "d-2")
                .header("X-Hub-Signature-256", signature).body(body).when().post("/webhooks/github").then().statusCode(200);
        given().contentType("application/json").header("X-GitHub-Event", "star").header("X-GitHub-Delivery", "d-3")
                .header("X-Hub-Signature-256", signature).body(body).when().post("/webhooks/github").then().statusCode(202);
    }

    @Test
    void aPushIsScannedAndPublishedOnceEvenWhenReplayed() {
        SimulatedRepository repo = TestGitHub.simulator().addRepository("acme", "web-" + UUID.randomUUID().toString().substring(0, 8))
                .putFile(WORKFLOW, TestWorkflows.TITLE_INJECTION);
        GitHubWebhooks.Delivery push = deliveries.push(repo, INSTALLATION, "dev", List.of(WORKFLOW), List.of(), List.of());
        assertThat(deliveries.send(webhook, push)).isEqualTo(202);
        assertThat(deliveries.send(webhook, push)).as("replayed").isEqualTo(202);

        repo.putFile(".github/workflows/other.yml", "on: push\njobs: {}\n");
        GitHubWebhooks.Delivery second = deliveries.push(repo, INSTALLATION, "dev", List.of(".github/workflows/other.yml"),
                List.of(), List.of());
        assertThat(deliveries.send(webhook, second)).isEqualTo(202);

        List<JsonNode> summaries = topics.await("tokenwarden.audit.scans", repo.fullName(), values -> values.size() >= 2);
        assertThat(summaries).as("one summary per delivery: the replay scanned nothing").hasSize(2);
        assertThat(summaries.getFirst().get("trigger").asText()).isEqualTo("push");
        assertThat(summaries.getFirst().get("newFindings").asInt()).isPositive();

        JsonNode injection = topics.await("tokenwarden.audit.findings", repo.fullName(),
                values -> values.stream().anyMatch(f -> f.get("ruleId").asText().equals("template-injection")))
                .stream().filter(f -> f.get("ruleId").asText().equals("template-injection")).findFirst().orElseThrow();
        assertThat(injection.get("commit").asText()).isEqualTo(TopicValues.json(push.body()).path("after").asText());
        String fingerprint = injection.get("fingerprint").asText();
        topics.await("tokenwarden.incidents", "audit-finding/" + repo.fullName() + "/" + fingerprint,
                values -> values.stream().anyMatch(i -> i.get("status").asText().equals("firing")));
    }

    @Test
    void aPushFollowsTaintIntoARemoteActionReadOnceForTwoScans() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        SimulatedRepository library = TestGitHub.simulator().addRepository("acme", "lib-" + suffix)
                .putFile("greet/action.yml", TestWorkflows.GREET_ACTION);
        String callee = library.fullName() + "/greet@main";
        SimulatedRepository repo = TestGitHub.simulator().addRepository("acme", "app-" + suffix)
                .putFile(WORKFLOW, TestWorkflows.titleIntoAction(callee));
        String actionPath = "/repos/" + library.fullName() + "/contents/greet/action.yml";

        GitHubWebhooks.Delivery first = deliveries.push(repo, INSTALLATION, "dev", List.of(WORKFLOW), List.of(), List.of());
        assertThat(deliveries.send(webhook, first)).isEqualTo(202);
        JsonNode injection = topics.await("tokenwarden.audit.findings", repo.fullName(), values -> values.stream()
                        .anyMatch(f -> f.get("ruleId").asText().equals("template-injection")))
                .stream().filter(f -> f.get("ruleId").asText().equals("template-injection")).findFirst().orElseThrow();
        assertThat(injection.get("line").asInt()).isEqualTo(10);
        assertThat(injection.get("message").asText()).contains("input `who`", library.fullName() + "/greet/action.yml@main line 8");

        GitHubWebhooks.Delivery second = deliveries.push(repo, INSTALLATION, "dev", List.of(), List.of(WORKFLOW), List.of());
        assertThat(deliveries.send(webhook, second)).isEqualTo(202);
        String secondScan = DeliveryLog.scanId(second.deliveryId());
        topics.await("tokenwarden.audit.findings", repo.fullName(), values -> values.stream()
                .anyMatch(f -> f.get("scanId").asText().equals(secondScan) && f.get("ruleId").asText().equals("template-injection")));

        assertThat(TestGitHub.simulator().requests()).as("the second scan read the action from the cache")
                .filteredOn(r -> r.path().equals(actionPath)).hasSize(1)
                .allSatisfy(r -> assertThat(r.query()).contains("ref=main"));
    }

    @Test
    void aPushScannedBeforeARestartIsNotScannedAgainWhenRedelivered() {
        SimulatedRepository repo = TestGitHub.simulator().addRepository("acme", "api-" + UUID.randomUUID().toString().substring(0, 8))
                .putFile(WORKFLOW, "on: push\njobs: {}\n");
        GitHubWebhooks.Delivery push = deliveries.push(repo, INSTALLATION, "dev", List.of(WORKFLOW), List.of(), List.of());
        // What the instance that handled the delivery before the restart published.
        scans.publish(new RepositoryScan(DeliveryLog.scanId(push.deliveryId()), repo.fullName(), "refs/heads/main", null,
                ScanTrigger.PUSH, false, new ScanResult(List.of(), List.of(), 1), Duration.ZERO)).toCompletableFuture().join();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deliveryLog.handled(push.deliveryId()));

        assertThat(deliveries.send(webhook, push)).as("redelivered").isEqualTo(202);
        GitHubWebhooks.Delivery next = deliveries.push(repo, INSTALLATION, "dev", List.of(), List.of(WORKFLOW), List.of());
        assertThat(deliveries.send(webhook, next)).isEqualTo(202);

        List<JsonNode> summaries = topics.await("tokenwarden.audit.scans", repo.fullName(), values -> values.size() >= 2);
        assertThat(summaries).extracting(s -> s.get("scanId").asText())
                .containsExactly(DeliveryLog.scanId(push.deliveryId()), DeliveryLog.scanId(next.deliveryId()));
    }

    @Test
    void aForkedPullRequestIsScannedAtItsHeadAndLeavesTheBaselineAndIncidentsAlone() {
        String name = "site-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatedRepository base = TestGitHub.simulator().addRepository("acme", name).putFile(WORKFLOW, "on: push\njobs: {}\n");
        SimulatedRepository fork = TestGitHub.simulator().addRepository("outside-contributor", name).putFile(WORKFLOW, TestWorkflows.TITLE_INJECTION);
        base.openPullRequest(5, fork, List.of(WORKFLOW, "README.md"), List.of(".github/workflows/old.yml"));

        GitHubWebhooks.Delivery opened = deliveries.pullRequest(base, INSTALLATION, "opened", 5, "outside-contributor", "patch-1");
        assertThat(deliveries.send(webhook, opened)).isEqualTo(202);

        JsonNode summary = topics.await("tokenwarden.audit.scans", base.fullName(), values -> !values.isEmpty()).getFirst();
        assertThat(summary.get("trigger").asText()).isEqualTo("pull-request");
        assertThat(summary.get("files").asInt()).as("only the changed workflow, read from the fork").isEqualTo(1);
        assertThat(summary.get("newFindings").asInt()).isPositive();
        JsonNode injection = topics.await("tokenwarden.audit.findings", base.fullName(),
                values -> values.stream().anyMatch(f -> f.get("ruleId").asText().equals("template-injection")))
                .stream().filter(f -> f.get("ruleId").asText().equals("template-injection")).findFirst().orElseThrow();
        assertThat(injection.get("ref").asText()).isEqualTo("refs/pull/5/head");
        assertThat(injection.get("commit").asText())
                .isEqualTo(TopicValues.json(opened.body()).path("pull_request").path("head").path("sha").asText());

        assertThat(topics.all("tokenwarden.audit.baseline")).as("the baseline is the default branch's")
                .noneMatch(r -> base.fullName().equals(r.key()));
        assertThat(topics.all("tokenwarden.incidents")).as("a proposal raises no incident")
                .noneMatch(r -> r.key() != null && r.key().startsWith("audit-finding/" + base.fullName() + "/"));

        SimulatedCheckRun run = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> base.checkRuns().stream().filter(r -> "completed".equals(r.status())).findFirst(), Optional::isPresent).get();
        assertThat(run.conclusion()).isEqualTo("failure");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sarifUploadsTo(base).size() == 1);
        assertThat(sarifUploadsTo(base).getFirst().status()).as("code scanning is not enabled there: one refusal, not retried")
                .isEqualTo(403);
        assertThat(base.sarifUploads()).isEmpty();
    }

    @Test
    void aPullRequestEndsWithOneCheckRunPerHeadAndASarifUploadAndAFixingPushGetsASuccessfulRun() {
        String name = "checked-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatedRepository base = TestGitHub.simulator().addRepository("acme", name).putFile(WORKFLOW, "on: push\njobs: {}\n")
                .enableCodeScanning();
        SimulatedRepository fork = TestGitHub.simulator().addRepository("outside-contributor", name).putFile(WORKFLOW, TestWorkflows.TITLE_INJECTION);
        base.openPullRequest(9, fork, List.of(WORKFLOW), List.of());
        GitHubWebhooks.Delivery opened = deliveries.pullRequest(base, INSTALLATION, "opened", 9, "outside-contributor", "patch-1");
        String firstHead = TopicValues.json(opened.body()).path("pull_request").path("head").path("sha").asText();
        assertThat(deliveries.send(webhook, opened)).isEqualTo(202);

        String scanId = DeliveryLog.scanId(opened.deliveryId());
        List<JsonNode> findings = topics.await("tokenwarden.audit.findings", base.fullName(), values -> values.stream()
                .anyMatch(f -> f.get("scanId").asText().equals(scanId)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> base.sarifUploads().size() == 1);
        assertThat(base.checkRuns()).hasSize(1);
        SimulatedCheckRun run = base.checkRuns().getFirst();
        assertThat(run.headSha()).isEqualTo(firstHead);
        assertThat(run.name()).isEqualTo("tokenwarden-audit");
        assertThat(run.conclusion()).isEqualTo("failure");
        assertThat(run.annotations()).as("one annotation per finding, each on its line with its rule and its docs page")
                .extracting(a -> a.path("path").asText() + ":" + a.path("start_line").asInt() + ":" + a.path("title").asText().split(" ")[0])
                .containsExactlyInAnyOrderElementsOf(findings.stream().filter(f -> f.get("scanId").asText().equals(scanId))
                        .map(f -> f.get("file").asText() + ":" + f.get("line").asInt() + ":" + f.get("ruleId").asText()).toList());
        assertThat(run.annotations()).anySatisfy(a -> {
            assertThat(a.path("annotation_level").asText()).isEqualTo("failure");
            assertThat(a.path("message").asText()).contains("template-injection", "/template-injection.md");
        });
        assertThat(run.summary()).contains("| Rule | Severity | Confidence | Count |", "template-injection", "| high | high | 1 |");
        assertThat(base.sarifUploads().getFirst().complete()).isTrue();
        assertThat(base.sarifUploads().getFirst().commitSha()).isEqualTo(firstHead);
        assertThat(base.sarifUploads().getFirst().ref()).isEqualTo("refs/pull/9/head");
        assertThat(base.sarifUploads().getFirst().results()).isEqualTo(run.annotations().size());

        // GitHub sends the delivery again, then the pull request is reopened on the same head: still one run, same annotations.
        assertThat(deliveries.send(webhook, opened)).as("redelivered").isEqualTo(202);
        assertThat(deliveries.send(webhook, deliveries.pullRequest(base, INSTALLATION, "reopened", 9, "outside-contributor", "patch-1")))
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> base.sarifUploads().size() == 2);
        assertThat(base.checkRuns()).hasSize(1);
        assertThat(base.checkRuns().getFirst().annotations()).hasSize(run.annotations().size());
        assertThat(TestGitHub.simulator().requests()).as("the re-scan updated the run in place")
                .filteredOn(r -> r.method().equals("PATCH") && r.path().endsWith("/check-runs/" + run.id())).hasSize(2);

        // A push to the pull request's branch that fixes the finding: a run of the same name on the new head, which succeeds.
        fork.putFile(WORKFLOW, TestWorkflows.TITLE_THROUGH_ENV);
        deliveries.push(fork, INSTALLATION, "outside-contributor", List.of(), List.of(WORKFLOW), List.of());
        GitHubWebhooks.Delivery synchronize = deliveries.pullRequest(base, INSTALLATION, "synchronize", 9, "outside-contributor", "patch-1");
        String secondHead = TopicValues.json(synchronize.body()).path("pull_request").path("head").path("sha").asText();
        assertThat(deliveries.send(webhook, synchronize)).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> base.sarifUploads().size() == 3);
        assertThat(base.checkRuns()).extracting(SimulatedCheckRun::headSha, SimulatedCheckRun::conclusion)
                .containsExactly(tuple(firstHead, "failure"), tuple(secondHead, "success"));
        assertThat(base.sarifUploads().get(2).results()).isZero();
    }

    private static List<RecordedExchange> sarifUploadsTo(SimulatedRepository repo) {
        return TestGitHub.simulator().requests().stream()
                .filter(r -> r.path().equals("/repos/" + repo.fullName() + "/code-scanning/sarifs")).toList();
    }

    @Test
    void aSecretScanningAlertBecomesCredentialExposedCarryingOnlyTheHash() {
        SimulatedRepository repo = TestGitHub.simulator().addRepository("acme", "leaky-" + UUID.randomUUID().toString().substring(0, 8));
        String secret = GitHubTokenShapes.classicPat();
        long alert = repo.addSecretScanningAlert("github_personal_access_token", secret, Instant.now());
        assertThat(deliveries.send(webhook, deliveries.secretScanningAlertCreated(repo, INSTALLATION, alert))).isEqualTo(202);

        String hash = sha256(secret);
        JsonNode exposed = topics.await("tokenwarden.credential.exposed", hash, values -> !values.isEmpty()).getFirst();
        assertThat(exposed.get("repository").asText()).isEqualTo(repo.fullName());
        assertThat(exposed.get("source").asText()).isEqualTo("secret-scanning");

        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        for (String topic : List.of("tokenwarden.credential.exposed", "tokenwarden.audit.findings", "tokenwarden.audit.scans",
                "tokenwarden.incidents", "tokenwarden.github.ratelimit")) {
            assertThat(topics.all(topic)).as(topic).noneMatch(r -> contains(r.value(), secretBytes)
                    || Arrays.stream(r.headers().toArray()).anyMatch(h -> contains(h.value(), secretBytes)));
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return haystack != null && new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
