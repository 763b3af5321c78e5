package dev.tokenwarden.sandbox.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's Git Data API and pull requests, over raw HTTP, with GitHub's validation and permission rules. */
class SimulatedGitTest {
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = ".github/workflows/ci.yml";

    private final ManualClock clock = new ManualClock(NOW);
    private final HttpClient http = HttpClient.newHttpClient();
    private GitHubSimulator github;
    private SimulatedApp app;
    private String base;
    private long nextInstallation = 100;

    @BeforeEach
    void start() {
        github = GitHubSimulator.start(clock);
        app = github.registerApp(11);
        github.addRepository("acme", "api").putFile(WORKFLOW, "on: push\n").putFile("README.md", "# api\n");
        base = github.git().branchHead("acme", "api", "main").orElseThrow();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void severalFilesBecomeOneCommitOnANewBranchThatTheContentsApiReads() throws Exception {
        String token = installationToken(Map.of("contents", "write", "workflows", "write"));
        String commit = commit(token, Map.of(WORKFLOW, "on: push\npermissions: {}\n", "docs/new.md", "new\n"));

        Reply created = call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "refs/heads/tokenwarden/fix-1", "sha", commit));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("object").path("sha").asText()).isEqualTo(commit);
        assertThat(call("GET", "/repos/acme/api/git/ref/heads/tokenwarden/fix-1", token, null).json().path("object").path("sha").asText())
                .isEqualTo(commit);
        JsonNode atBranch = call("GET", "/repos/acme/api/contents/" + WORKFLOW + "?ref=tokenwarden/fix-1", token, null).json();
        assertThat(new String(Base64.getMimeDecoder().decode(atBranch.path("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("on: push\npermissions: {}\n");
        assertThat(call("GET", "/repos/acme/api/git/trees/" + commit + "?recursive=1", token, null).json().path("tree").toString())
                .contains("docs/new.md").contains("README.md");
        assertThat(github.git().parents("acme", "api", commit)).containsExactly(base);
        assertThat(github.git().branchFiles("acme", "api", "main").orElseThrow()).as("the default branch is untouched")
                .containsEntry(WORKFLOW, "on: push\n").doesNotContainKey("docs/new.md");
    }

    @Test
    void refsAreValidatedAsGitHubDoes() throws Exception {
        String token = installationToken(Map.of("contents", "write", "workflows", "write"));
        String commit = commit(token, Map.of("README.md", "# api, fixed\n"));

        assertThat(call("GET", "/repos/acme/api/git/ref/heads/none", token, null).status()).isEqualTo(404);
        assertThat(call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "heads/x", "sha", commit)).message())
                .isEqualTo("Reference name is invalid");
        assertThat(call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "refs/heads/x", "sha", "d".repeat(40))).message())
                .isEqualTo("Object does not exist");
        assertThat(call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "refs/heads/main", "sha", commit)).message())
                .isEqualTo("Reference already exists");
        assertThat(call("POST", "/repos/acme/api/git/trees", token, Map.of("base_tree", "e".repeat(40), "tree", List.of())).status())
                .isEqualTo(422);
        assertThat(call("POST", "/repos/acme/api/git/trees", token,
                Map.of("tree", List.of(Map.of("path", "a", "mode", "100644", "type", "blob", "sha", "f".repeat(40))))).message())
                .contains("is not a valid blob");

        assertThat(call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "refs/heads/x", "sha", base)).status()).isEqualTo(201);
        String unrelated = commit(token, Map.of("README.md", "other\n"), List.of());
        assertThat(call("PATCH", "/repos/acme/api/git/refs/heads/x", token, Map.of("sha", unrelated)).message())
                .isEqualTo("Update is not a fast forward");
        assertThat(call("PATCH", "/repos/acme/api/git/refs/heads/x", token, Map.of("sha", commit)).status()).isEqualTo(200);
        assertThat(call("PATCH", "/repos/acme/api/git/refs/heads/x", token, Map.of("sha", unrelated, "force", true)).status()).isEqualTo(200);
        assertThat(call("PATCH", "/repos/acme/api/git/refs/heads/none", token, Map.of("sha", commit)).message())
                .isEqualTo("Reference does not exist");
    }

    @Test
    void changingAWorkflowNeedsTheWorkflowsPermissionOrScope() throws Exception {
        String withoutWorkflows = installationToken(Map.of("contents", "write", "pull_requests", "write"));
        String workflowChange = commit(withoutWorkflows, Map.of(WORKFLOW, "on: pull_request\n"));
        String readmeChange = commit(withoutWorkflows, Map.of("README.md", "# changed\n"));

        Reply refused = call("POST", "/repos/acme/api/git/refs", withoutWorkflows, Map.of("ref", "refs/heads/fix", "sha", workflowChange));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.message()).isEqualTo("refusing to allow a GitHub App to create or update workflow `" + WORKFLOW
                + "` without `workflows` permission");
        assertThat(github.git().branches("acme", "api")).isEmpty();
        assertThat(call("POST", "/repos/acme/api/git/refs", withoutWorkflows, Map.of("ref", "refs/heads/docs", "sha", readmeChange)).status())
                .as("other files need no workflows permission").isEqualTo(201);

        String pat = github.registerClassicPat("dev", List.of("repo"), null);
        assertThat(call("POST", "/repos/acme/api/git/refs", pat, Map.of("ref", "refs/heads/fix", "sha", workflowChange)).message())
                .contains("without `workflow` scope");
        String patWithScope = github.registerClassicPat("dev", List.of("repo", "workflow"), null);
        assertThat(call("POST", "/repos/acme/api/git/refs", patWithScope, Map.of("ref", "refs/heads/fix", "sha", workflowChange)).status())
                .isEqualTo(201);

        String readOnly = installationToken(Map.of("contents", "read"));
        assertThat(call("POST", "/repos/acme/api/git/blobs", readOnly, Map.of("content", "x")).status()).isEqualTo(403);
    }

    @Test
    void pullRequestsAreOpenedOnceFromABranchAndListedByHeadAndBase() throws Exception {
        String token = installationToken(Map.of("contents", "write", "pull_requests", "write", "workflows", "write", "issues", "write"));
        call("POST", "/repos/acme/api/issues", token, Map.of("title", "an earlier issue"));
        String commit = commit(token, Map.of(WORKFLOW, "on: push\npermissions: {}\n"));
        call("POST", "/repos/acme/api/git/refs", token, Map.of("ref", "refs/heads/tokenwarden/fix-1", "sha", commit));
        Map<String, Object> pull = Map.of("title", "fix", "head", "tokenwarden/fix-1", "base", "main", "body", "every fix");

        Reply opened = call("POST", "/repos/acme/api/pulls", token, pull);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().path("number").asLong()).as("issues and pull requests share numbers").isEqualTo(2);
        assertThat(opened.json().path("head").path("sha").asText()).isEqualTo(commit);
        assertThat(opened.json().path("changed_files").asInt()).isEqualTo(1);
        assertThat(call("POST", "/repos/acme/api/pulls", token, pull).message()).contains("A pull request already exists for acme:tokenwarden/fix-1");
        assertThat(call("POST", "/repos/acme/api/pulls", token, Map.of("title", "t", "head", "tokenwarden/fix-1", "base", "none")).status())
                .isEqualTo(422);
        assertThat(call("GET", "/repos/acme/api/pulls?state=open&head=acme:tokenwarden/fix-1&base=main", token, null).json()).hasSize(1);
        assertThat(call("GET", "/repos/acme/api/pulls?state=open&head=acme:other&base=main", token, null).json()).isEmpty();
        assertThat(github.git().pullRequests("acme", "api")).singleElement().satisfies(p -> assertThat(p.body()).isEqualTo("every fix"));
    }

    @Test
    void anAnnotatedTagIsReachedThroughItsTagObject() throws Exception {
        String token = installationToken(Map.of("contents", "read"));
        String release = "a".repeat(40);
        github.git().tag("acme", "api", "v1", release, false);
        github.git().tag("acme", "api", "v1.2.3", release, true);

        assertThat(call("GET", "/repos/acme/api/git/ref/tags/v1", token, null).json().path("object").path("type").asText()).isEqualTo("commit");
        JsonNode annotated = call("GET", "/repos/acme/api/git/ref/tags/v1.2.3", token, null).json().path("object");
        assertThat(annotated.path("type").asText()).isEqualTo("tag");
        JsonNode tag = call("GET", "/repos/acme/api/git/tags/" + annotated.path("sha").asText(), token, null).json();
        assertThat(tag.path("object").path("sha").asText()).isEqualTo(release);
        assertThat(call("GET", "/repos/acme/api/git/ref/tags/v9", token, null).status()).isEqualTo(404);
    }

    private record Reply(int status, JsonNode json) {
        String message() {
            return json.path("message").asText();
        }
    }

    private String commit(String token, Map<String, String> files) throws Exception {
        return commit(token, files, List.of(base));
    }

    /** A commit of {@code files} on the default branch's tree, with {@code parents}. */
    private String commit(String token, Map<String, String> files, List<String> parents) throws Exception {
        List<Map<String, String>> entries = files.entrySet().stream().map(e -> Map.of("path", e.getKey(), "mode", "100644", "type", "blob",
                "sha", blob(token, e.getValue()))).toList();
        String baseTree = call("GET", "/repos/acme/api/git/trees/main", token, null).json().path("sha").asText();
        Reply tree = call("POST", "/repos/acme/api/git/trees", token, Map.of("base_tree", baseTree, "tree", entries));
        assertThat(tree.status()).isEqualTo(201);
        Reply commit = call("POST", "/repos/acme/api/git/commits", token,
                Map.of("message", "fix", "tree", tree.json().path("sha").asText(), "parents", parents));
        assertThat(commit.status()).isEqualTo(201);
        return commit.json().path("sha").asText();
    }

    private String blob(String token, String content) {
        try {
            Reply blob = call("POST", "/repos/acme/api/git/blobs", token, Map.of("content",
                    Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)), "encoding", "base64"));
            assertThat(blob.status()).isEqualTo(201);
            return blob.json().path("sha").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String installationToken(Map<String, String> permissions) throws Exception {
        long installation = nextInstallation++;
        github.addInstallation(11, installation, "acme", List.of(), permissions);
        String jwt = AppJwts.sign(app, app.clientId(), NOW.minusSeconds(60), NOW.plusSeconds(540));
        return call("POST", "/app/installations/" + installation + "/access_tokens", jwt, Map.of()).json().path("token").asText();
    }

    private Reply call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(github.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).method(method, publisher).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body()));
    }
}
