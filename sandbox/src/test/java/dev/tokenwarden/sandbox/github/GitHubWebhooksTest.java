package dev.tokenwarden.sandbox.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's webhook deliveries: GitHub's signature test vector, payloads valid against
 * {@code @octokit/webhooks-schemas} (installed by {@code ./setup}; skipped locally without it, a failure under
 * {@code CI=true}), and delivery with GitHub's headers.
 */
class GitHubWebhooksTest {
    private static final String SCHEMAS = ".cache/octokit/node_modules/@octokit/webhooks-schemas/schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-for-tests";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T12:00:00Z"));
    private GitHubSimulator github;
    private GitHubWebhooks webhooks;
    private SimulatedRepository repo;

    @BeforeEach
    void start() {
        github = GitHubSimulator.start(clock);
        webhooks = github.webhooks(SECRET);
        repo = github.addRepository("acme", "api").putFile(".github/workflows/ci.yml", "on: push\n");
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void signsLikeGitHubsDocumentedTestVector() {
        assertThat(GitHubWebhooks.signature256("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void payloadsMatchGitHubsWebhookSchemas() throws IOException {
        JsonNode schemas = JSON.readTree(locate().toFile());
        long alert = repo.addSecretScanningAlert("github_personal_access_token", "ghp_" + "W".repeat(36), clock.instant());
        GitHubWebhooks.Delivery push = webhooks.push(repo, 7, "dev", List.of(".github/workflows/new.yml"),
                List.of(".github/workflows/ci.yml"), List.of());
        GitHubWebhooks.Delivery secretAlert = webhooks.secretScanningAlertCreated(repo, 7, alert);

        GitHubWebhooks.Delivery opened = webhooks.pullRequest(repo, 7, "opened", 12, "outside-contributor", "feature/x");
        GitHubWebhooks.Delivery synchronize = webhooks.pullRequest(repo, 7, "synchronize", 12, "outside-contributor", "feature/x");

        SimulatedRepository fork = github.addRepository("outside-contributor", repo.name()).putFile(".github/workflows/ci.yml", "on: push\n");
        repo.openPullRequest(13, fork, List.of(".github/workflows/ci.yml"), List.of());
        GitHubWebhooks.Delivery fromFork = webhooks.pullRequest(repo, 7, "opened", 13, "outside-contributor", "patch-1");

        assertThat(errors(schemas, "push$event", push)).isEmpty();
        assertThat(errors(schemas, "pull_request$opened", fromFork)).isEmpty();
        assertThat(JSON.readTree(fromFork.body()).at("/pull_request/head/repo/full_name").asText()).isEqualTo(fork.fullName());
        assertThat(errors(schemas, "pull_request$opened", opened)).isEmpty();
        assertThat(errors(schemas, "pull_request$synchronize", synchronize)).isEmpty();
        assertThat(errors(schemas, "secret_scanning_alert$created", secretAlert)).isEmpty();
        assertThat(new String(secretAlert.body(), StandardCharsets.UTF_8)).doesNotContain("ghp_");

        ObjectNode broken = (ObjectNode) JSON.readTree(push.body());
        broken.remove("after");
        assertThat(validator(schemas, "push$event").validate(broken)).as("the check can fail").isNotEmpty();
    }

    @Test
    void successivePushesChainTheirCommits() throws IOException {
        JsonNode first = JSON.readTree(webhooks.push(repo, 7, "dev", List.of(), List.of("README.md"), List.of()).body());
        JsonNode second = JSON.readTree(webhooks.push(repo, 7, "dev", List.of(), List.of("README.md"), List.of()).body());

        assertThat(second.path("before").asText()).isEqualTo(first.path("after").asText());
        assertThat(second.path("head_commit").path("modified").get(0).asText()).isEqualTo("README.md");
    }

    @Test
    void deliversWithGitHubsHeadersAndAVerifiableSignature() throws IOException {
        Map<String, String> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.put("event", exchange.getRequestHeaders().getFirst("X-GitHub-Event"));
            received.put("delivery", exchange.getRequestHeaders().getFirst("X-GitHub-Delivery"));
            received.put("signature", exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"));
            received.put("expected", GitHubWebhooks.signature256(SECRET, body));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        try {
            GitHubWebhooks.Delivery delivery = webhooks.push(repo, 7, "dev", List.of(), List.of(".github/workflows/ci.yml"), List.of());
            int status = webhooks.send(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook"), delivery);

            assertThat(status).isEqualTo(202);
            assertThat(received).containsEntry("event", "push").containsEntry("delivery", delivery.deliveryId())
                    .containsEntry("signature", received.get("expected"));
            assertThat(received.get("signature")).isEqualTo(delivery.signature256()).startsWith("sha256=");
        } finally {
            receiver.stop(0);
        }
    }

    private static Set<ValidationMessage> errors(JsonNode schemas, String definition, GitHubWebhooks.Delivery delivery) throws IOException {
        return validator(schemas, definition).validate(JSON.readTree(delivery.body()));
    }

    /** One event's definition as a document of its own that carries every definition, so its refs resolve. */
    private static com.networknt.schema.JsonSchema validator(JsonNode schemas, String definition) {
        ObjectNode document = schemas.path("definitions").path(definition).deepCopy();
        document.remove("$schema");
        document.set("definitions", schemas.path("definitions"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(document, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCHEMAS))) {
                return dir.resolve(SCHEMAS);
            }
        }
        String message = "@octokit/webhooks-schemas is not installed (" + SCHEMAS + "); run the tests as ./setup ./mvnw -B verify, which installs it";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        return Assumptions.abort(message);
    }
}
