package dev.tokenwarden.platform.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Check runs and SARIF uploads through the client against the simulator, which holds them to GitHub's rules. */
class GitHubChecksClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "acme";
    private static final String WORKFLOW = ".github/workflows/ci.yml";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T10:00:00Z"));
    private GitHubSimulator github;
    private GitHubClient client;
    private GitHubChecksClient checks;
    private InstallationToken token;
    private SimulatedRepository repo;
    private String head;

    @BeforeEach
    void start() throws IOException {
        github = GitHubSimulator.start(clock);
        client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, clock::advance, new SplittableRandom(3),
                RateLimitListener.NONE);
        checks = new GitHubChecksClient(client);
        token = installationToken(github.registerApp(1), 10, Map.of("checks", "write", "security_events", "write", "pull_requests", "read"));
        repo = github.addRepository(ORG, "api").putFile(WORKFLOW, "on: push\njobs:\n  a: {}\n");
        SimulatedRepository fork = github.addRepository(ORG, "api-fork").putFile(WORKFLOW, "on: push\njobs:\n  b: {}\n  c: {}\n");
        repo.openPullRequest(4, fork, List.of(WORKFLOW), List.of());
        head = JSON.readTree(github.webhooks("s").pullRequest(repo, 10, "opened", 4, "dev", "patch-1").body())
                .path("pull_request").path("head").path("sha").asText();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private InstallationToken installationToken(SimulatedApp app, long installationId, Map<String, String> permissions) {
        github.addInstallation(app.appId(), installationId, ORG, List.of(), permissions);
        return client.createInstallationToken(GitHubApp.of(app.appId(), app.clientId(), app.privateKeyPem()), installationId,
                new InstallationTokenRequest(Map.of(), List.of()));
    }

    private static CheckRunUpdate output(String status, String conclusion, List<CheckAnnotation> annotations) {
        return new CheckRunUpdate(status, conclusion, null, null, "title", "summary", annotations);
    }

    private static CheckAnnotation annotation(int line) {
        return new CheckAnnotation(WORKFLOW, line, line, "warning", "rule", "message " + line, null);
    }

    @Test
    void aPullRequestFileCarriesItsPatchAgainstTheBase() {
        PullRequestFile file = client.listPullRequestFiles(token.credential(), ORG, "api", 4).getFirst();
        assertThat(file.status()).isEqualTo("modified");
        assertThat(file.patch()).isEqualTo("@@ -1,3 +1,4 @@\n on: push\n jobs:\n-  a: {}\n+  b: {}\n+  c: {}");
    }

    @Test
    void aCheckRunKeepsItsHeadAppendsAnnotationsAndCompletesWithAConclusion() {
        CheckRun run = checks.createCheckRun(token.credential(), ORG, "api", "audit", head, output("in_progress", null, List.of(annotation(1))));
        assertThat(run.status()).isEqualTo("in_progress");
        assertThat(run.conclusion()).isNull();
        CheckRun done = checks.updateCheckRun(token.credential(), ORG, "api", run.id(),
                new CheckRunUpdate(null, "failure", clock.instant(), "digest-1", "title", "summary", List.of(annotation(2), annotation(3))));
        assertThat(done.headSha()).isEqualTo(head);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.conclusion()).isEqualTo("failure");
        assertThat(done.externalId()).isEqualTo("digest-1");
        assertThat(done.annotationsCount()).isEqualTo(3);
        assertThat(repo.checkRuns().getFirst().annotations()).extracting(a -> a.path("start_line").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void theLatestRunOfANamePerRefIsListedNewestFirst() {
        CheckRun first = checks.createCheckRun(token.credential(), ORG, "api", "audit", head, output(null, "success", List.of()));
        CheckRun second = checks.createCheckRun(token.credential(), ORG, "api", "audit", head, output(null, "failure", List.of()));
        checks.createCheckRun(token.credential(), ORG, "api", "other", head, output(null, "success", List.of()));
        assertThat(checks.listCheckRuns(token.credential(), ORG, "api", head, "audit")).extracting(CheckRun::id).containsExactly(second.id());
        assertThat(first.id()).isLessThan(second.id());
        assertThatThrownBy(() -> checks.listCheckRuns(token.credential(), ORG, "api", "b".repeat(40), "audit")).as("an unknown commit")
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void gitHubsRulesForCheckRunsAreHeld() throws Exception {
        String pat = github.registerClassicPat("dev", List.of("repo"), null);
        assertThatThrownBy(() -> checks.createCheckRun(GitHubCredential.token(pat, "pat"), ORG, "api", "audit", head, output(null, "success", List.of())))
                .as("check runs are for GitHub Apps").isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> checks.createCheckRun(token.credential(), ORG, "api", "audit", "c".repeat(40), output(null, "success", List.of())))
                .as("no such commit").isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> new CheckRunUpdate(null, null, null, null, "t", "s", Collections.nCopies(51, annotation(1))))
                .as("the client does not send what GitHub refuses").isInstanceOf(IllegalArgumentException.class);

        ObjectNode tooMany = JSON.createObjectNode().put("name", "audit").put("head_sha", head);
        ArrayNode annotations = tooMany.putObject("output").put("title", "t").put("summary", "s").putArray("annotations");
        for (int i = 1; i <= 51; i++) {
            annotations.addObject().put("path", WORKFLOW).put("start_line", i).put("end_line", i).put("annotation_level", "notice").put("message", "m");
        }
        assertThat(post("/repos/acme/api/check-runs", tooMany).statusCode()).as("51 annotations in one request").isEqualTo(422);
        ObjectNode completedWithoutConclusion = JSON.createObjectNode().put("name", "audit").put("head_sha", head).put("status", "completed");
        assertThat(post("/repos/acme/api/check-runs", completedWithoutConclusion).statusCode()).isEqualTo(422);
        ObjectNode stale = JSON.createObjectNode().put("name", "audit").put("head_sha", head).put("conclusion", "stale");
        assertThat(post("/repos/acme/api/check-runs", stale).statusCode()).as("stale is GitHub's to set").isEqualTo(422);

        CheckRun run = checks.createCheckRun(token.credential(), ORG, "api", "audit", head, output(null, "success", List.of()));
        InstallationToken otherApp = installationToken(github.registerApp(2), 20, Map.of("checks", "write"));
        assertThatThrownBy(() -> checks.updateCheckRun(otherApp.credential(), ORG, "api", run.id(), output(null, "failure", List.of())))
                .as("only the app that made it").isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        InstallationToken readOnly = installationToken(github.registerApp(3), 30, Map.of("checks", "read"));
        assertThatThrownBy(() -> checks.createCheckRun(readOnly.credential(), ORG, "api", "audit", head, output(null, "success", List.of())))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void aSarifUploadIsDecodedAndProcessedAndAMalformedOneFailsProcessing() throws IOException {
        repo.enableCodeScanning();
        String good = checks.uploadSarif(token.credential(), ORG, "api", head, "refs/pull/4/head",
                gzipBase64("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"t\"}},\"results\":[{\"message\":{\"text\":\"m\"},\"locations\":[]}]}]}"),
                "tokenwarden-audit");
        assertThat(checks.sarifProcessing(token.credential(), ORG, "api", good).finished()).isFalse();
        assertThat(checks.sarifProcessing(token.credential(), ORG, "api", good)).isEqualTo(new SarifProcessing("complete", List.of()));
        assertThat(repo.sarifUploads().getFirst().results()).isEqualTo(1);

        String broken = checks.uploadSarif(token.credential(), ORG, "api", head, "refs/pull/4/head", gzipBase64("{\"runs\": [{"), "t");
        checks.sarifProcessing(token.credential(), ORG, "api", broken);
        SarifProcessing failed = checks.sarifProcessing(token.credential(), ORG, "api", broken);
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.errors()).isNotEmpty();

        assertThatThrownBy(() -> checks.uploadSarif(token.credential(), ORG, "api", head, "refs/pull/4/head",
                Base64.getEncoder().encodeToString("not gzip".getBytes(StandardCharsets.UTF_8)), "t"))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        byte[] noise = new byte[10 * 1024 * 1024 + 1];
        new SplittableRandom(5).nextBytes(noise);
        assertThatThrownBy(() -> checks.uploadSarif(token.credential(), ORG, "api", head, "refs/pull/4/head", Base64.getEncoder().encodeToString(noise), "t"))
                .as("over 10 MB gzip'd").isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void withoutCodeScanningASarifUploadIsRefused() {
        assertThatThrownBy(() -> checks.uploadSarif(token.credential(), ORG, "api", head, "refs/pull/4/head", "", "t"))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("Advanced Security must be enabled");
                });
        assertThat(repo.sarifUploads()).isEmpty();
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(github.baseUrl() + path))
                .header("Authorization", "Bearer " + token.value()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String gzipBase64(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
