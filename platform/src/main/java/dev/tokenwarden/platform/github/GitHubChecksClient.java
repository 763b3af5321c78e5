package dev.tokenwarden.platform.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Results where developers look: check runs (which need a GitHub App installation token with {@code checks: write})
 * and code scanning SARIF uploads ({@code security_events: write}). Calls go through {@code client}'s transport, so
 * they share its timeouts, bounded retries, rate-limit handling, circuit breaker and rate observations.
 */
public final class GitHubChecksClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PAGE = 100;

    private final GitHubClient client;

    public GitHubChecksClient(GitHubClient client) {
        this.client = client;
    }

    /** Creates check run {@code name} on commit {@code headSha}; the commit can never be changed afterwards. */
    public CheckRun createCheckRun(GitHubCredential auth, String owner, String repo, String name, String headSha, CheckRunUpdate run) {
        String operation = "POST /repos/{owner}/{repo}/check-runs";
        ObjectNode body = body(run).put("name", name).put("head_sha", headSha);
        return checkRun(GitHubClient.expectJson(operation, client.call(operation, "POST", repository(owner, repo) + "/check-runs", auth, body), 201));
    }

    /** Updates check run {@code id}: the fields {@code update} sets, its annotations appended to the run's. */
    public CheckRun updateCheckRun(GitHubCredential auth, String owner, String repo, long id, CheckRunUpdate update) {
        String operation = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}";
        return checkRun(GitHubClient.expectJson(operation,
                client.call(operation, "PATCH", repository(owner, repo) + "/check-runs/" + id, auth, body(update)), 200));
    }

    /** The latest check runs named {@code name} on {@code ref} (a commit SHA, branch or tag), newest first. */
    public List<CheckRun> listCheckRuns(GitHubCredential auth, String owner, String repo, String ref, String name) {
        String operation = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
        JsonNode json = GitHubClient.expectJson(operation, client.call(operation, "GET", repository(owner, repo) + "/commits/"
                + GitHubClient.segment(ref) + "/check-runs?filter=latest&per_page=" + PER_PAGE + "&check_name=" + GitHubClient.segment(name),
                auth, null), 200);
        List<CheckRun> runs = new ArrayList<>();
        json.path("check_runs").forEach(run -> runs.add(checkRun(run)));
        runs.sort((a, b) -> Long.compare(b.id(), a.id()));
        return runs;
    }

    /**
     * Uploads a SARIF file ({@code gzipBase64}: gzip'd, then base64) for {@code commitSha} on {@code ref}; GitHub's
     * id for the upload, to follow with {@link #sarifProcessing}. A repository without code scanning answers 403
     * (or 404), a bad file 400, a too large one 413, as {@link GitHubApiException}s.
     */
    public String uploadSarif(GitHubCredential auth, String owner, String repo, String commitSha, String ref, String gzipBase64, String toolName) {
        String operation = "POST /repos/{owner}/{repo}/code-scanning/sarifs";
        ObjectNode body = JSON.createObjectNode().put("commit_sha", commitSha).put("ref", ref).put("sarif", gzipBase64).put("tool_name", toolName);
        return GitHubClient.expectJson(operation, client.call(operation, "POST", repository(owner, repo) + "/code-scanning/sarifs", auth, body), 202)
                .path("id").asText();
    }

    public SarifProcessing sarifProcessing(GitHubCredential auth, String owner, String repo, String sarifId) {
        String operation = "GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}";
        JsonNode json = GitHubClient.expectJson(operation, client.call(operation, "GET",
                repository(owner, repo) + "/code-scanning/sarifs/" + GitHubClient.segment(sarifId), auth, null), 200);
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(error -> errors.add(error.asText()));
        return new SarifProcessing(json.path("processing_status").asText("pending"), errors);
    }

    private static String repository(String owner, String repo) {
        return "/repos/" + GitHubClient.segment(owner) + "/" + GitHubClient.segment(repo);
    }

    private static ObjectNode body(CheckRunUpdate run) {
        ObjectNode body = JSON.createObjectNode();
        if (run.status() != null) {
            body.put("status", run.status());
        }
        if (run.conclusion() != null) {
            body.put("conclusion", run.conclusion());
        }
        if (run.completedAt() != null) {
            body.put("completed_at", run.completedAt().toString());
        }
        if (run.externalId() != null) {
            body.put("external_id", run.externalId());
        }
        if (run.title() != null) {
            ObjectNode output = body.putObject("output").put("title", run.title()).put("summary", run.summary());
            ArrayNode annotations = output.putArray("annotations");
            for (CheckAnnotation a : run.annotations()) {
                ObjectNode annotation = annotations.addObject().put("path", a.path()).put("start_line", a.startLine())
                        .put("end_line", a.endLine()).put("annotation_level", a.level()).put("message", a.message());
                if (a.title() != null) {
                    annotation.put("title", a.title());
                }
                if (a.rawDetails() != null) {
                    annotation.put("raw_details", a.rawDetails());
                }
            }
        } else if (!run.annotations().isEmpty()) {
            throw new IllegalArgumentException("annotations travel in the output, which needs a title and a summary");
        }
        return body;
    }

    private static CheckRun checkRun(JsonNode json) {
        JsonNode conclusion = json.path("conclusion");
        JsonNode externalId = json.path("external_id");
        return new CheckRun(json.path("id").asLong(), json.path("name").asText(), json.path("head_sha").asText(), json.path("status").asText(),
                conclusion.isTextual() ? conclusion.asText() : null, externalId.isTextual() ? externalId.asText() : null,
                json.path("output").path("annotations_count").asInt());
    }
}
