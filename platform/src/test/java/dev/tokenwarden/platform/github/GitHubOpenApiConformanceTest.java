package dev.tokenwarden.platform.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every exchange the client has with the simulator, checked against GitHub's published OpenAPI description
 * (npm {@code @octokit/openapi}, {@code generated/api.github.com.json}, installed by {@code ./setup} into
 * {@code .cache/octokit}): the method and path exist, the status is one the operation documents, and the
 * JSON body validates against that response's schema (OpenAPI 3.0 dialect, formats asserted; {@code nullable}
 * rewritten to JSON Schema's null type first, because the validator honours it only beside {@code type}, not on
 * {@code anyOf}/{@code allOf}/{@code $ref}; {@code discriminator} not enforced, the {@code oneOf} it annotates is). Response headers
 * are not checked, since GitHub's description does not declare them. An operation github.com's description lacks is
 * looked up in the Enterprise Cloud one ({@code generated/ghec.json}): the organisation audit log exists only there.
 * Missing description: skipped locally, a failure under {@code CI=true}.
 */
class GitHubOpenApiConformanceTest {
    private static final String DESCRIPTION = ".cache/octokit/node_modules/@octokit/openapi/generated/api.github.com.json";
    private static final String ENTERPRISE_CLOUD = "ghec.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long APP_ID = 31337;
    private static final long INSTALLATION_ID = 4711;
    private static final String ORG = "acme";

    private static JsonNode openApi;
    private static List<PathTemplate> templates;
    private static JsonNode enterpriseCloud;
    private static List<PathTemplate> enterpriseCloudTemplates;

    private record PathTemplate(String template, Pattern pattern, int parameters) {
    }

    private record Operation(JsonNode description, String template) {
    }

    /** Per test rather than per class, so that Surefire reports each skipped test with the reason. */
    @BeforeEach
    void loadDescription() throws IOException {
        if (openApi != null) {
            return;
        }
        Optional<Path> file = locate();
        if (file.isEmpty()) {
            String message = "GitHub's OpenAPI description is not installed (" + DESCRIPTION + "); run the tests as ./setup ./mvnw -B verify, or "
                    + "'npm install --prefix .cache/octokit @octokit/openapi'";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        openApi = JSON.readTree(file.get().toFile());
        nullableToNullType(openApi);
        templates = templatesOf(openApi);
        enterpriseCloud = JSON.readTree(file.get().resolveSibling(ENTERPRISE_CLOUD).toFile());
        nullableToNullType(enterpriseCloud);
        enterpriseCloudTemplates = templatesOf(enterpriseCloud);
    }

    private static List<PathTemplate> templatesOf(JsonNode description) {
        List<PathTemplate> found = new ArrayList<>();
        description.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = Pattern.quote(template)
                    .replace("{path}", "\\E.*\\Q")
                    // a Git reference is heads/<branch> or tags/<tag>, its slashes unescaped, as GitHub documents it
                    .replace("/git/ref/{ref}", "/git/ref/\\E.+\\Q").replace("/git/refs/{ref}", "/git/refs/\\E.+\\Q")
                    .replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            found.add(new PathTemplate(template, Pattern.compile(regex), template.split("\\{", -1).length - 1));
        });
        found.sort(Comparator.comparingInt(PathTemplate::parameters));
        return found;
    }

    /**
     * OpenAPI 3.0's {@code nullable: true} as JSON Schema says it: {@code "null"} added to {@code type} (and to
     * {@code enum}), or, on a schema without {@code type}, {@code anyOf: [{type: null}, the schema]}.
     */
    private static void nullableToNullType(JsonNode node) {
        node.forEach(GitHubOpenApiConformanceTest::nullableToNullType);
        if (!(node instanceof ObjectNode schema) || !schema.path("nullable").asBoolean(false)) {
            return;
        }
        schema.remove("nullable");
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        }
        if (schema.path("type").isTextual()) {
            String type = schema.path("type").asText();
            schema.putArray("type").add(type).add("null");
        } else {
            ObjectNode original = schema.deepCopy();
            schema.removeAll();
            schema.putArray("anyOf").add(JSON.createObjectNode().put("type", "null")).add(original);
        }
    }

    private static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DESCRIPTION);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Test
    void everyEndpointTheClientCallsAnswersAsGitHubDescribesIt() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        try (GitHubSimulator github = GitHubSimulator.start(clock)) {
            exerciseEveryOperation(github, clock);

            Set<String> operations = conformingOperations(github);
            assertThat(operations).containsExactlyInAnyOrder(
                    "post /app/installations/{installation_id}/access_tokens 201",
                    "post /app/installations/{installation_id}/access_tokens 422",
                    "get /app/installations/{installation_id} 200",
                    "get /app/installations/{installation_id} 404",
                    "delete /installation/token 204",
                    "get /installation/repositories 200",
                    "get /installation/repositories 401",
                    "get /user 200",
                    "get /user 401",
                    "post /credentials/revoke 202",
                    "get /orgs/{org}/personal-access-tokens 200",
                    "post /orgs/{org}/personal-access-tokens/{pat_id} 204",
                    "post /orgs/{org}/personal-access-tokens/{pat_id} 404",
                    "get /repos/{owner}/{repo}/contents/{path} 200",
                    "get /repos/{owner}/{repo}/contents/{path} 404",
                    "get /repos/{owner}/{repo}/git/trees/{tree_sha} 200",
                    "get /orgs/{org}/repos 200",
                    "get /orgs/{org}/audit-log 200",
                    "get /repos/{owner}/{repo}/commits/{commit_sha}/pulls 200",
                    "get /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200",
                    "get /repos/{owner}/{repo}/commits/{ref} 200",
                    "get /repos/{owner}/{repo}/pulls/{pull_number}/files 200",
                    "get /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number} 200",
                    "get /advisories 200",
                    "post /repos/{owner}/{repo}/issues 201",
                    "get /repos/{owner}/{repo}/issues 200",
                    "patch /repos/{owner}/{repo}/issues/{issue_number} 200",
                    "post /repos/{owner}/{repo}/issues/{issue_number}/comments 201");
        }
    }

    /**
     * What fixes delivered as pull requests call: the repository and its default branch's head, tags (lightweight and
     * annotated), one commit of several files (blobs, a tree on a base tree, the commit), a branch at it, and a pull request.
     */
    @Test
    void theGitDataAndPullRequestEndpointsAnswerAsGitHubDescribesThem() {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        try (GitHubSimulator github = GitHubSimulator.start(clock)) {
            SimulatedApp app = github.registerApp(APP_ID);
            github.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of(),
                    Map.of("metadata", "read", "contents", "write", "pull_requests", "write", "workflows", "write"));
            github.addRepository(ORG, "api").putFile(".github/workflows/ci.yml", "on: push\n").putFile("README.md", "# api\n");
            String release = "c".repeat(40);
            github.git().tag(ORG, "setup-tool", "v4", release, false);
            github.git().tag(ORG, "setup-tool", "v4.2.2", release, true);
            GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, clock::advance,
                    new SplittableRandom(11), RateLimitListener.NONE);
            GitHubCredential fixer = client.createInstallationToken(GitHubApp.of(APP_ID, app.clientId(), app.privateKeyPem()), INSTALLATION_ID,
                    new InstallationTokenRequest(Map.of(), List.of())).credential();

            assertThat(client.getRepository(fixer, ORG, "api").orElseThrow().defaultBranch()).isEqualTo("main");
            assertThat(client.getRepository(fixer, ORG, "none")).isEmpty();
            assertThat(client.resolveTag(fixer, ORG, "setup-tool", "v4")).contains(release);
            assertThat(client.resolveTag(fixer, ORG, "setup-tool", "v4.2.2")).contains(release);
            String base = client.getBranchHead(fixer, ORG, "api", "main").orElseThrow();
            assertThat(client.getBranchHead(fixer, ORG, "api", "none")).isEmpty();
            String baseTree = client.getTree(fixer, ORG, "api", base).sha();
            String blob = client.createBlob(fixer, ORG, "api", "on: push\npermissions: {}\n".getBytes(StandardCharsets.UTF_8));
            String tree = client.createTree(fixer, ORG, "api", baseTree, Map.of(".github/workflows/ci.yml", blob));
            String commit = client.createCommit(fixer, ORG, "api", "fix: permissions", tree, base);
            client.createBranch(fixer, ORG, "api", "tokenwarden/fix-1", commit);
            expectStatus(422, () -> client.createBranch(fixer, ORG, "api", "tokenwarden/fix-1", commit));
            client.createPullRequest(fixer, ORG, "api", "fix: permissions", "tokenwarden/fix-1", "main", "why");
            expectStatus(422, () -> client.createPullRequest(fixer, ORG, "api", "fix: permissions", "tokenwarden/fix-1", "main", "why"));
            assertThat(client.listOpenPullRequests(fixer, ORG, "api", "tokenwarden/fix-1", "main")).hasSize(1);

            assertThat(conformingOperations(github)).containsExactlyInAnyOrder(
                    "post /app/installations/{installation_id}/access_tokens 201",
                    "get /repos/{owner}/{repo} 200",
                    "get /repos/{owner}/{repo} 404",
                    "get /repos/{owner}/{repo}/git/ref/{ref} 200",
                    "get /repos/{owner}/{repo}/git/ref/{ref} 404",
                    "get /repos/{owner}/{repo}/git/tags/{tag_sha} 200",
                    "get /repos/{owner}/{repo}/git/trees/{tree_sha} 200",
                    "post /repos/{owner}/{repo}/git/blobs 201",
                    "post /repos/{owner}/{repo}/git/trees 201",
                    "post /repos/{owner}/{repo}/git/commits 201",
                    "post /repos/{owner}/{repo}/git/refs 201",
                    "post /repos/{owner}/{repo}/git/refs 422",
                    "post /repos/{owner}/{repo}/pulls 201",
                    "post /repos/{owner}/{repo}/pulls 422",
                    "get /repos/{owner}/{repo}/pulls 200");
        }
    }

    /** Checks every exchange {@code github} recorded; the operations seen, as {@code method template status}. */
    private static Set<String> conformingOperations(GitHubSimulator github) {
        Set<String> operations = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (RecordedExchange exchange : github.requests()) {
            check(exchange, operations, problems);
        }
        assertThat(problems).isEmpty();
        return operations;
    }

    @Test
    void theCheckRejectsBodiesGitHubWouldNotSend() {
        JsonNode tokenSchema = openApi.at("/paths/~1app~1installations~1{installation_id}~1access_tokens/post/responses/201/content/application~1json/schema");
        ObjectNode missingExpiry = JSON.createObjectNode().put("token", "x");
        assertThat(schema("self-test installation-token", tokenSchema).validate(missingExpiry))
                .extracting(ValidationMessage::getMessage).anySatisfy(m -> assertThat(m).contains("expires_at"));

        JsonNode installationSchema = openApi.at("/paths/~1app~1installations~1{installation_id}/get/responses/200/content/application~1json/schema");
        ObjectNode nullAccount = JSON.createObjectNode();
        assertThat(schema("self-test installation", installationSchema).validate(nullAccount.putNull("account")))
                .as("nullable account is accepted as null, the other required fields are still demanded")
                .extracting(ValidationMessage::getMessage)
                .noneSatisfy(m -> assertThat(m).contains("account"))
                .anySatisfy(m -> assertThat(m).contains("app_id"));
    }

    @Test
    void checkRunsAndSarifUploadsAnswerAsGitHubDescribesThem() throws IOException {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        try (GitHubSimulator github = GitHubSimulator.start(clock)) {
            SimulatedApp app = github.registerApp(APP_ID);
            github.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of(),
                    Map.of("contents", "read", "metadata", "read", "pull_requests", "read", "checks", "write", "security_events", "write"));
            SimulatedRepository api = github.addRepository(ORG, "api").putFile(".github/workflows/ci.yml", "on: push\n").enableCodeScanning();
            github.addRepository(ORG, "web");
            SimulatedRepository fork = github.addRepository(ORG, "api-fork").putFile(".github/workflows/ci.yml", "on: push\njobs: {}\n");
            api.openPullRequest(3, fork, List.of(".github/workflows/ci.yml"), List.of());
            GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, clock::advance,
                    new SplittableRandom(11), RateLimitListener.NONE);
            GitHubChecksClient checks = new GitHubChecksClient(client);
            GitHubCredential installation = client.createInstallationToken(GitHubApp.of(APP_ID, app.clientId(), app.privateKeyPem()),
                    INSTALLATION_ID, new InstallationTokenRequest(Map.of(), List.of())).credential();
            github.clearRequests();

            client.listPullRequestFiles(installation, ORG, "api", 3);
            String head = JSON.readTree(github.webhooks("s").pullRequest(api, INSTALLATION_ID, "opened", 3, "dev", "patch-1").body())
                    .path("pull_request").path("head").path("sha").asText();
            CheckAnnotation annotation = new CheckAnnotation(".github/workflows/ci.yml", 2, 2, "failure", "rule", "message", "snippet");
            CheckRun run = checks.createCheckRun(installation, ORG, "api", "tokenwarden-audit", head,
                    new CheckRunUpdate("in_progress", null, null, null, "Scanning", "in progress", List.of(annotation)));
            checks.updateCheckRun(installation, ORG, "api", run.id(),
                    new CheckRunUpdate(null, "failure", clock.instant(), "digest", "1 finding", "| rule |", List.of(annotation)));
            checks.listCheckRuns(installation, ORG, "api", head, "tokenwarden-audit");
            String sarif = Base64.getEncoder().encodeToString(gzip("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[]}]}"));
            String id = checks.uploadSarif(installation, ORG, "api", head, "refs/pull/3/head", sarif, "tokenwarden-audit");
            checks.sarifProcessing(installation, ORG, "api", id);
            checks.sarifProcessing(installation, ORG, "api", id);
            String broken = checks.uploadSarif(installation, ORG, "api", head, "refs/pull/3/head",
                    Base64.getEncoder().encodeToString(gzip("{\"runs\": ")), "tokenwarden-audit");
            checks.sarifProcessing(installation, ORG, "api", broken);
            checks.sarifProcessing(installation, ORG, "api", broken);
            expectStatus(403, () -> checks.uploadSarif(installation, ORG, "web", head, "refs/heads/main", sarif, "tokenwarden-audit"));
            expectStatus(400, () -> checks.uploadSarif(installation, ORG, "api", head, "refs/heads/main", "not base64!", "tokenwarden-audit"));
            expectStatus(404, () -> checks.sarifProcessing(installation, ORG, "api", "no-such-upload"));

            Set<String> operations = new LinkedHashSet<>();
            List<String> problems = new ArrayList<>();
            github.requests().forEach(exchange -> check(exchange, operations, problems));
            assertThat(problems).isEmpty();
            assertThat(operations).contains(
                    "post /repos/{owner}/{repo}/check-runs 201",
                    "patch /repos/{owner}/{repo}/check-runs/{check_run_id} 200",
                    "get /repos/{owner}/{repo}/commits/{ref}/check-runs 200",
                    "post /repos/{owner}/{repo}/code-scanning/sarifs 202",
                    "post /repos/{owner}/{repo}/code-scanning/sarifs 403",
                    "post /repos/{owner}/{repo}/code-scanning/sarifs 400",
                    "get /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id} 200",
                    "get /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id} 404",
                    "get /repos/{owner}/{repo}/pulls/{pull_number}/files 200");
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Calls every client operation, on its success path and on the failures the callers handle. */
    private static void exerciseEveryOperation(GitHubSimulator github, ManualClock clock) {
        SimulatedApp app = github.registerApp(APP_ID);
        github.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of(),
                Map.of("contents", "read", "metadata", "read", "issues", "write", "secret_scanning_alerts", "read",
                        "organization_personal_access_tokens", "write", "pull_requests", "read", "organization_administration", "read"));
        github.addRepository(ORG, "api").putFile(".github/workflows/ci.yml", "on: push\n").putFile("README.md", "# api\n");
        github.addRepository(ORG, "web");
        SimulatedRepository fork = github.addRepository("contributor", "api").putFile(".github/workflows/ci.yml", "on: pull_request\n");
        github.addRepository(ORG, "api").openPullRequest(7, fork, List.of(".github/workflows/ci.yml"), List.of("README.md"));
        long alert = github.addRepository(ORG, "web").addSecretScanningAlert("github_personal_access_token", "ghp_" + "S".repeat(36), clock.instant());
        github.addActionsAdvisory("GHSA-abcd-efgh-ijkl", "CVE-2026-0001", "leaks tokens", "critical", "tj-actions/changed-files", "< 46.0.1", "46.0.1");
        github.addActionsAdvisory("GHSA-mnop-qrst-uvwx", null, "unpinned", "medium", "example/action", "<= 1.2.0", null);

        GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, clock::advance,
                new SplittableRandom(11), RateLimitListener.NONE);
        GitHubApp gitHubApp = GitHubApp.of(APP_ID, app.clientId(), app.privateKeyPem());

        client.getInstallation(gitHubApp, INSTALLATION_ID);
        expectStatus(404, () -> client.getInstallation(gitHubApp, 1));
        InstallationToken token = client.createInstallationToken(gitHubApp, INSTALLATION_ID,
                new InstallationTokenRequest(Map.of("contents", "read", "issues", "write", "secret_scanning_alerts", "read",
                        "organization_personal_access_tokens", "write", "pull_requests", "read", "organization_administration", "read"),
                        List.of("api", "web")));
        expectStatus(422, () -> client.createInstallationToken(gitHubApp, INSTALLATION_ID,
                new InstallationTokenRequest(Map.of("administration", "write"), List.of())));
        GitHubCredential installation = token.credential();

        client.verifyInstallationToken(installation);
        client.getTree(installation, ORG, "api", "main");
        client.getFile(installation, ORG, "api", ".github/workflows/ci.yml", Optional.of("main"));
        client.getFile(installation, ORG, "api", ".github/workflows/none.yml", Optional.empty());
        client.listOrgRepositories(installation, ORG);
        for (int i = 0; i < 101; i++) {
            github.recordTokenUse(ORG, token.value(), "git.clone", ORG + "/api", i % 2 == 0 ? "203.0.113.9" : null);
        }
        github.recordAuditEvent(ORG, "org.update_member", "owner", null, null, null);
        AuditLogPage first = client.getAuditLogPage(installation, ORG, Optional.empty());
        client.getAuditLogPage(installation, ORG, first.nextAfter());
        client.listPullRequestFiles(installation, ORG, "api", 7);
        String signed = "a".repeat(40);
        String unsigned = "b".repeat(40);
        github.addRepository(ORG, "api").addCommit(signed, "dev", true, "ci: pin checkout", clock.instant())
                .addCommit(unsigned, "dev", false, "ci: add deploy job", clock.instant())
                .mergePullRequest(8, "dev", "main", List.of(signed), List.of("reviewer"), clock.instant());
        client.listPullRequestsForCommit(installation, ORG, "api", signed);
        client.listPullRequestReviews(installation, ORG, "api", 8);
        client.isCommitVerified(installation, ORG, "api", signed);
        client.isCommitVerified(installation, ORG, "api", unsigned);
        client.getSecretScanningAlert(installation, ORG, "web", alert);
        client.listAdvisories(installation, "actions");
        Issue issue = client.createIssue(installation, ORG, "api", new IssueDraft("Rotation overdue", "details", List.of("tokenwarden:k1")));
        client.findIssueByLabel(installation, ORG, "api", "tokenwarden:k1");
        client.updateIssue(installation, ORG, "api", issue.number(), IssueUpdate.close());
        client.commentOnIssue(installation, ORG, "api", issue.number(), "resolved");

        String classic = github.registerClassicPat("machine-user", List.of("repo"), clock.instant().plus(Duration.ofDays(30)));
        String fineGrained = github.registerFineGrainedPat("dev", clock.instant().plus(Duration.ofDays(30)));
        long patId = github.grantOrgAccess(ORG, fineGrained, "deploy");
        client.validateToken(GitHubCredential.token(classic, "pat"));
        client.listOrgPatGrants(installation, ORG);
        client.revokeOrgPatGrant(installation, ORG, patId);
        client.revokeOrgPatGrant(installation, ORG, patId);
        client.revokeCredentials("conformance", List.of(GitHubCredential.token(classic, "pat")));
        client.validateToken(GitHubCredential.token(classic, "pat"));
        client.revokeInstallationToken(installation);
        client.verifyInstallationToken(installation);
    }

    private static void expectStatus(int status, Runnable call) {
        try {
            call.run();
            fail("expected GitHub to answer " + status);
        } catch (GitHubApiException e) {
            assertThat(e.status()).isEqualTo(status);
        }
    }

    private static Optional<Operation> operation(JsonNode description, List<PathTemplate> candidates, String method, String path) {
        return candidates.stream()
                .filter(t -> t.pattern().matcher(path).matches())
                .filter(t -> description.path("paths").path(t.template()).has(method))
                .findFirst()
                .map(t -> new Operation(description, t.template()));
    }

    private static void check(RecordedExchange exchange, Set<String> operations, List<String> problems) {
        String method = exchange.method().toLowerCase(Locale.ROOT);
        String where = exchange.method() + " " + exchange.path() + " " + exchange.status();
        Optional<Operation> found = operation(openApi, templates, method, exchange.path())
                .or(() -> operation(enterpriseCloud, enterpriseCloudTemplates, method, exchange.path()));
        if (found.isEmpty()) {
            problems.add(where + ": no such operation in GitHub's description");
            return;
        }
        JsonNode description = found.get().description();
        Optional<Operation> template = found;
        JsonNode responses = description.path("paths").path(template.get().template()).path(method).path("responses");
        JsonNode response = responses.path(Integer.toString(exchange.status()));
        if (response.isMissingNode()) {
            problems.add(where + ": status not documented for " + template.get().template() + " (documented: " + fieldNames(responses) + ")");
            return;
        }
        operations.add(method + " " + template.get().template() + " " + exchange.status());
        if (response.has("$ref")) {
            response = description.at(response.path("$ref").asText().substring(1));
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            if (exchange.responseBody().length > 0 && !response.has("content")) {
                problems.add(where + ": GitHub documents no body, the simulator sent one");
            }
            return;
        }
        try {
            JsonNode body = JSON.readTree(exchange.responseBody());
            Set<ValidationMessage> errors = schema(method + " " + template.get().template() + " " + exchange.status(), schema, description)
                    .validate(body);
            errors.forEach(error -> problems.add(where + ": " + error.getMessage()));
        } catch (IOException e) {
            problems.add(where + ": body is not JSON");
        }
    }

    private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /** The response schema as a document of its own that carries GitHub's components, so its {@code #/components/...} refs resolve. */
    private static JsonSchema schema(String key, JsonNode responseSchema) {
        return schema(key, responseSchema, openApi);
    }

    private static JsonSchema schema(String key, JsonNode responseSchema, JsonNode description) {
        return SCHEMAS.computeIfAbsent(key, k -> {
            ObjectNode document = responseSchema.deepCopy();
            document.set("components", description.path("components"));
            return FACTORY.getSchema(document, CONFIG);
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
