package dev.tokenwarden.auditor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.TestWorkflows;
import dev.tokenwarden.auditor.TopicValues;
import dev.tokenwarden.auditor.domain.orgscan.OrgScan;
import dev.tokenwarden.auditor.messaging.OrgScanRecords;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OrgScansTest {
    private static final String CLEAN = """
            on: push
            permissions: {}
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
                  - run: make
            """;

    /** The simulator's rate key for the PAT standing in for the auditor credential, and its default hourly budget. */
    private static final String AUDITOR_RATE_KEY = "user:auditor-bot";
    private static final int DEFAULT_RATE_LIMIT = 5000;

    @Inject
    OrgScanRecords records;

    private final GitHubSimulator github = TestGitHub.simulator();
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
    void everyNonArchivedRepositoryOverSeveralPagesIsScannedAndPublished() {
        String org = uniqueOrg();
        github.addRepository(org, "api").putFile(".github/workflows/ci.yml", TestWorkflows.TITLE_INJECTION);
        github.addRepository(org, "web").putFile(".github/workflows/ci.yml", CLEAN).putFile("action.yml", "name: x\nruns:\n  using: node20\n  main: index.js\n");
        for (int i = 0; i < 100; i++) {
            github.addRepository(org, "old-" + i).putFile(".github/workflows/ci.yml", TestWorkflows.TITLE_INJECTION).archive();
        }
        github.addRepository(org, "docs");

        String location = given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json")
                .body("{\"org\": \"" + org + "\"}").when().post("/org-scans")
                .then().statusCode(202).header("Location", containsString("/org-scans/")).body("org", equalTo(org))
                .extract().header("Location");
        JsonPath done = awaitState(location, "completed");

        assertThat(done.getInt("repositoriesTotal")).as("archived repositories are left out").isEqualTo(3);
        assertThat(done.getInt("repositoriesScanned")).isEqualTo(3);
        assertThat(done.getInt("repositoriesFailed")).isZero();
        assertThat(done.getInt("findings")).isPositive();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(github.requests()).as("the second page of the org's repositories was read")
                .anyMatch(r -> r.path().equals("/orgs/" + org + "/repos") && r.query() != null && r.query().contains("page=2"));

        JsonNode summary = topics.await("tokenwarden.audit.scans", org + "/api", values -> !values.isEmpty()).getFirst();
        assertThat(summary.get("trigger").asText()).isEqualTo("org-scan");
        assertThat(topics.await("tokenwarden.audit.scans", org + "/web", values -> !values.isEmpty()).getFirst().get("files").asInt())
                .as("workflows and action metadata, as a push selects them").isEqualTo(2);
        JsonNode injection = topics.await("tokenwarden.audit.findings", org + "/api",
                values -> values.stream().anyMatch(f -> f.get("ruleId").asText().equals("template-injection")))
                .stream().filter(f -> f.get("ruleId").asText().equals("template-injection")).findFirst().orElseThrow();
        topics.await("tokenwarden.incidents", "audit-finding/" + org + "/api/" + injection.get("fingerprint").asText(),
                values -> values.stream().anyMatch(i -> i.get("status").asText().equals("firing")));
        assertThat(topics.await("tokenwarden.audit.baseline", org + "/docs", values -> !values.isEmpty())).isNotEmpty();
        assertThat(topics.all("tokenwarden.audit.scans")).noneMatch(r -> (org + "/old-0").equals(r.key()));
        topics.await("tokenwarden.operator.actions", "otto", values -> values.stream()
                .anyMatch(a -> a.get("action").asText().equals("org-scan.start") && a.get("target").asText().contains(org)));

        String metrics = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tokenwarden_auditor_scans_seconds_count{trigger=\"org-scan\"")
                .contains("tokenwarden_auditor_org_scan_repositories_total{outcome=\"scanned\"");

        String id = location.substring(location.lastIndexOf('/') + 1);
        List<String> listed = given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).when().get("/org-scans")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(listed).contains(id);
    }

    @Test
    void aRateLimitPausesTheScanWhichResumesByItselfAfterTheReset() {
        String org = uniqueOrg();
        github.addRepository(org, "api").putFile(".github/workflows/ci.yml", CLEAN);
        github.addRepository(org, "web").putFile(".github/workflows/ci.yml", CLEAN);
        github.secondaryLimitNext(1, 3);

        JsonPath done = pausedThenCompleted(org);
        assertThat(done.getInt("repositoriesScanned")).isEqualTo(2);
        assertThat(done.getString("pausedUntil")).isNull();
    }

    @Test
    void aRateLimitMetByOneWorkerReadingAFilePausesTheWholeScanWhichThenReadsThatFileAgain() {
        String org = uniqueOrg();
        // b.yml's content is its own: a blob read before (a.yml's, any test's) comes from the blob cache, not GitHub.
        github.addRepository(org, "api").putFile(".github/workflows/a.yml", CLEAN).putFile(".github/workflows/b.yml", CLEAN + "# " + org + "\n");
        for (String name : List.of("web", "docs", "site")) {
            github.addRepository(org, name).putFile(".github/workflows/a.yml", CLEAN);
        }
        github.secondaryLimitNextOn("GET", "/repos/" + org + "/api/contents/.github/workflows/b.yml", 1, 3);

        JsonPath done = pausedThenCompleted(org);
        assertThat(done.getInt("repositoriesScanned")).isEqualTo(4);
        assertThat(done.getInt("repositoriesFailed")).isZero();
        assertThat(topics.await("tokenwarden.audit.scans", org + "/api", values -> !values.isEmpty()).getFirst().get("files").asInt())
                .as("the refused file was read again after the pause").isEqualTo(2);
        assertThat(github.requests()).filteredOn(r -> r.path().equals("/repos/" + org + "/api/contents/.github/workflows/b.yml"))
                .extracting(r -> r.status()).containsExactly(403, 200);
    }

    @Test
    void aBudgetUnderTheFloorPausesTheScanUntilTheWindowResets() {
        String org = uniqueOrg();
        github.addRepository(org, "api").putFile(".github/workflows/ci.yml", CLEAN);
        github.addRepository(org, "web").putFile(".github/workflows/ci.yml", CLEAN);
        int used = github.requests().stream().filter(r -> r.authScheme().equals("token")).reduce((first, second) -> second)
                .map(r -> Integer.parseInt(r.responseHeaders().get("x-ratelimit-used"))).orElse(0);
        github.setRateLimit(AUDITOR_RATE_KEY, used + 10);
        try {
            String location = startScan(org);
            JsonPath paused = awaitState(location, "paused-rate-limited");

            String reset = github.requests().getLast().responseHeaders().get("x-ratelimit-reset");
            assertThat(Instant.parse(paused.getString("pausedUntil"))).as("the window's reset, under the default floor of 100")
                    .isEqualTo(Instant.ofEpochSecond(Long.parseLong(reset)));
            assertThat(paused.getInt("repositoriesTotal")).isEqualTo(2);
            assertThat(paused.getInt("repositoriesScanned")).as("paused before the first repository").isZero();
            given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json")
                    .body("{\"org\": \"" + org.toUpperCase(Locale.ROOT) + "\"}").when().post("/org-scans")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString(paused.getString("id")));
        } finally {
            github.setRateLimit(AUDITOR_RATE_KEY, DEFAULT_RATE_LIMIT);
        }
    }

    @Test
    void anUnfinishedScanLeftByAStoppedInstanceIsResumedWithoutRescanningWhatItHadDone() {
        String org = uniqueOrg();
        for (String name : List.of("alpha", "beta", "gamma")) {
            github.addRepository(org, name).putFile(".github/workflows/ci.yml", CLEAN);
        }
        String id = UUID.randomUUID().toString();
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        OrgScan leftBehind = new OrgScan(id, org, List.of(), OrgScan.State.RUNNING, 3, 1, 0, 0, Set.of("alpha"), "otto", null,
                longAgo, longAgo, null, null);
        records.publish(leftBehind).toCompletableFuture().join();

        JsonPath done = awaitState("/org-scans/" + id, "completed");
        assertThat(done.getInt("repositoriesScanned")).isEqualTo(3);
        assertThat(github.requests()).as("alpha was done before the restart")
                .noneMatch(r -> r.path().startsWith("/repos/" + org + "/alpha/"))
                .anyMatch(r -> r.path().startsWith("/repos/" + org + "/beta/"))
                .anyMatch(r -> r.path().startsWith("/repos/" + org + "/gamma/"));
        assertThat(topics.await("tokenwarden.audit.scans", org + "/gamma", values -> !values.isEmpty())).hasSize(1);
    }

    @Test
    void badInputIsAProblemAndAnUnknownOrgFailsWithAClearReason() {
        for (String body : List.of("{\"org\": \"\"}", "{}", "{\"org\": \"-bad-\"}", "{\"org\": \"acme\", \"repositories\": [\"a/b\"]}")) {
            given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json").body(body)
                    .when().post("/org-scans")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).contentType("application/json").body("{\"org\": \"acme\"}")
                .when().post("/org-scans").then().statusCode(403);
        given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).when().get("/org-scans/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");

        String location = startScan(uniqueOrg());
        JsonPath failed = awaitState(location, "failed");
        assertThat(failed.getString("reason")).contains("not found").contains("404");
    }

    /** Starts a scan of {@code org}; its location. */
    private static String startScan(String org) {
        return given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json")
                .body("{\"org\": \"" + org + "\"}").when().post("/org-scans").then().statusCode(202).extract().header("Location");
    }

    /** Starts a scan of {@code org} that a rate limit pauses (until a reset still ahead) and that then completes. */
    private static JsonPath pausedThenCompleted(String org) {
        String location = startScan(org);
        JsonPath paused = awaitState(location, "paused-rate-limited");
        assertThat(Instant.parse(paused.getString("pausedUntil"))).isAfter(Instant.now());
        return awaitState(location, "completed");
    }

    private static String uniqueOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Polls the scan until it is in {@code state} (a pause lasts seconds, so every 100 ms); a scan another instance
     * recorded is 404 until this one has read its record back.
     */
    private static JsonPath awaitState(String location, String state) {
        return Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(
                () -> given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).when().get(location)
                        .then().statusCode(200).extract().jsonPath(),
                progress -> state.equals(progress.getString("state")));
    }
}
