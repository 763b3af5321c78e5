package dev.tokenwarden.auditor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.TopicValues;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.github.SimulatedGit;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fixes delivered as pull requests, against the GitHub simulator and the test Kafka broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class FixesResourceTest {
    private static final String CI = ".github/workflows/ci.yml";
    private static final String RELEASE = ".github/workflows/release.yml";
    /** No timeout on its job and a checkout that keeps the token: a missing-timeout and a persisted-credentials finding. */
    private static final String UNFIXED_CI = """
            name: ci
            on: push
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                  - run: make test
            """;
    /** The same two findings in another file: both files change in the one commit. */
    private static final String UNFIXED_RELEASE = """
            on:
              push:
                tags: ['v*']
            permissions:
              contents: read
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                  - run: make release
            """;
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
    private static final List<String> FIXED_RULES = List.of("missing-timeout", "persisted-credentials");

    @Inject
    Engine engine;

    private final GitHubSimulator github = TestGitHub.simulator();
    private final SimulatedGit git = github.git();
    private TopicValues topics;

    @BeforeEach
    void connect() {
        topics = new TopicValues();
    }

    @AfterEach
    void close() {
        topics.close();
        TestGitHub.useFixerToken(TestGitHub.mintFixerToken(TestGitHub.FIXER_PERMISSIONS));
    }

    @Test
    void aPullRequestCarriesEveryFixInOneCommitAndFixProposedIsPublished() {
        String repo = uniqueRepository(Map.of(CI, UNFIXED_CI, RELEASE, UNFIXED_RELEASE, "README.md", "# app\n"));
        String base = git.branchHead(TestGitHub.FIX_ORG, repo, "main").orElseThrow();

        JsonPath answer = fix(repo, "{}").then().statusCode(201).header("Location", containsString("/pull/"))
                .body("created", equalTo(true)).body("baseBranch", equalTo("main")).body("baseCommit", equalTo(base))
                .extract().jsonPath();

        List<Map<String, Object>> fixes = answer.getList("fixes");
        assertThat(fixes).extracting(f -> f.get("ruleId")).containsOnlyElementsOf(FIXED_RULES).contains(FIXED_RULES.toArray());
        assertThat(fixes).extracting(f -> f.get("path")).contains(CI, RELEASE);
        String branch = answer.getString("branch");
        assertThat(branch).matches("tokenwarden/fix-[0-9a-f]{12}");
        SimulatedGit.PullRequest pull = git.pullRequests(TestGitHub.FIX_ORG, repo).getFirst();
        assertThat(git.pullRequests(TestGitHub.FIX_ORG, repo)).hasSize(1);
        assertThat(pull.head()).isEqualTo(branch);
        assertThat(pull.base()).isEqualTo("main");
        for (Map<String, Object> fix : fixes) {
            assertThat(pull.body()).as("the body lists every fix and its reason")
                    .contains("`" + fix.get("path") + "` | " + fix.get("line") + " | `" + fix.get("ruleId") + "` | " + fix.get("description"));
        }

        String head = git.branchHead(TestGitHub.FIX_ORG, repo, branch).orElseThrow();
        assertThat(answer.getString("pullRequest.headCommit")).isEqualTo(head);
        assertThat(git.parents(TestGitHub.FIX_ORG, repo, head)).as("one commit on top of the base").containsExactly(base);
        Map<String, String> fixed = git.branchFiles(TestGitHub.FIX_ORG, repo, branch).orElseThrow();
        assertThat(fixed.get("README.md")).isEqualTo("# app\n");
        List<Finding> rescanned = engine.scan(List.of(file(CI, fixed.get(CI)), file(RELEASE, fixed.get(RELEASE)))).findings();
        assertThat(rescanned).as("the fixed rules no longer fire").noneMatch(f -> FIXED_RULES.contains(f.ruleId()));
        assertThat(git.branchFiles(TestGitHub.FIX_ORG, repo, "main").orElseThrow().get(CI)).as("main is untouched").isEqualTo(UNFIXED_CI);

        JsonNode proposed = topics.await("tokenwarden.audit.fixes", TestGitHub.FIX_ORG + "/" + repo, values -> !values.isEmpty()).getFirst();
        assertThat(proposed.get("pullRequestNumber").asLong()).isEqualTo(pull.number());
        assertThat(proposed.get("headCommit").asText()).isEqualTo(head);
        assertThat(proposed.get("branch").asText()).isEqualTo(branch);
        assertThat(proposed.get("fixesByRule").get("missing-timeout").asInt()).isEqualTo(2);
        assertThat(proposed.get("requestedBy").asText()).isEqualTo("otto");
        topics.await("tokenwarden.operator.actions", "otto", values -> values.stream()
                .anyMatch(a -> a.get("action").asText().equals("fix.propose") && a.get("target").asText().contains(repo)));
    }

    @Test
    void aSecondRequestReturnsTheOpenPullRequestInsteadOfASecondOne() {
        String repo = uniqueRepository(Map.of(CI, UNFIXED_CI));

        long first = fix(repo, "{}").then().statusCode(201).extract().jsonPath().getLong("pullRequest.number");
        JsonPath again = fix(repo, "{\"base\": \"main\"}").then().statusCode(200).body("created", equalTo(false)).extract().jsonPath();

        assertThat(again.getLong("pullRequest.number")).isEqualTo(first);
        assertThat(git.pullRequests(TestGitHub.FIX_ORG, repo)).hasSize(1);
        assertThat(git.branches(TestGitHub.FIX_ORG, repo)).hasSize(1);
    }

    @Test
    void aDryRunAnswersTheDiffAndWritesNothingToGitHub() {
        String repo = uniqueRepository(Map.of(CI, UNFIXED_CI));

        JsonPath answer = fix(repo, "{\"dryRun\": true, \"rules\": [\"missing-timeout\"]}").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("pullRequest", equalTo(null)).extract().jsonPath();

        assertThat(answer.getString("diff")).contains("--- a/" + CI).contains("+++ b/" + CI).contains("+    timeout-minutes: 30");
        assertThat(answer.getList("fixes.ruleId")).containsOnly("missing-timeout");
        assertThat(requestsTo(repo)).as("only reads").isNotEmpty().allMatch(r -> r.method().equals("GET"));
        assertThat(git.branches(TestGitHub.FIX_ORG, repo)).isEmpty();
    }

    @Test
    void nothingToFixOpensNothing() {
        String repo = uniqueRepository(Map.of(CI, CLEAN));

        fix(repo, null).then().statusCode(200).body("fixes.size()", equalTo(0)).body("pullRequest", equalTo(null))
                .body("branch", equalTo(null));

        assertThat(git.branches(TestGitHub.FIX_ORG, repo)).isEmpty();
        assertThat(requestsTo(repo)).allMatch(r -> r.method().equals("GET"));
    }

    @Test
    void aFixerWithoutWorkflowsWriteGetsGitHubsRefusalAndLeavesNoBranch() {
        String repo = uniqueRepository(Map.of(CI, UNFIXED_CI));
        TestGitHub.useFixerToken(TestGitHub.mintFixerToken(Map.of("contents", "write", "pull_requests", "write")));

        fix(repo, "{}").then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("without `workflows` permission"));

        assertThat(git.branches(TestGitHub.FIX_ORG, repo)).isEmpty();
        assertThat(git.pullRequests(TestGitHub.FIX_ORG, repo)).isEmpty();
    }

    @Test
    void badRequestsAreProblems() {
        String repo = uniqueRepository(Map.of(CI, UNFIXED_CI));

        fix(repo, "{\"rules\": [\"dangerous-triggers\"]}").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("fixable rules"));
        fix(repo, "{\"base\": \"../main\"}").then().statusCode(400);
        fix(repo, "{\"base\": \"no-such-branch\"}").then().statusCode(400).body("detail", containsString("no branch no-such-branch"));
        fix("no-such-repository", "{}").then().statusCode(404).contentType("application/problem+json");
        given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json").body("{}")
                .when().post("/repositories/-bad-/x/fixes").then().statusCode(400);
        given().header(TestApiKeys.HEADER, TestApiKeys.VIEWER).contentType("application/json").body("{}")
                .when().post("/repositories/" + TestGitHub.FIX_ORG + "/" + repo + "/fixes").then().statusCode(403);
        assertThat(requestsTo(repo)).allMatch(r -> r.method().equals("GET"));
    }

    private static io.restassured.response.Response fix(String repo, String body) {
        var request = given().header(TestApiKeys.HEADER, TestApiKeys.OPERATOR).contentType("application/json");
        return (body == null ? request : request.body(body)).when().post("/repositories/" + TestGitHub.FIX_ORG + "/" + repo + "/fixes");
    }

    private String uniqueRepository(Map<String, String> files) {
        String name = "app-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        var repository = github.addRepository(TestGitHub.FIX_ORG, name);
        files.forEach(repository::putFile);
        return name;
    }

    private List<RecordedExchange> requestsTo(String repo) {
        return github.requests().stream().filter(r -> r.path().startsWith("/repos/" + TestGitHub.FIX_ORG + "/" + repo)).toList();
    }

    private static InputFile file(String path, String text) {
        return new InputFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
