package dev.tokenwarden.auditor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.auditor.TestGitHub;
import dev.tokenwarden.auditor.TopicValues;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.github.GitHubWebhooks;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pushes of workflow changes to a governed repository's default branch, through the signed webhook, with the commit's
 * pull requests, reviews and signature in the simulator: only a change that came the governed way raises nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class WorkflowGovernanceTest {
    private static final String SECRET = "auditor-test-webhook-secret";
    private static final long INSTALLATION = 7L;
    private static final String WORKFLOW = ".github/workflows/deploy.yml";

    @TestHTTPResource("/webhooks/github")
    URI webhook;

    private final GitHubWebhooks deliveries = TestGitHub.simulator().webhooks(SECRET);

    @Test
    void anUnreviewedWorkflowPushRaisesAnIncidentWithTheCommitAuthorAndFiles() {
        SimulatedRepository repo = repository("governed");
        GitHubWebhooks.Delivery push = deliveries.push(repo, INSTALLATION, "mallory", List.of(), List.of(WORKFLOW), List.of("README.md"));
        String sha = after(push);

        assertThat(deliveries.send(webhook, push)).isEqualTo(202);

        JsonNode incident = incident("workflow-change-ungoverned/acme/governed/" + sha);
        assertThat(incident.path("status").asText()).isEqualTo("firing");
        assertThat(incident.path("labels").path("commit").asText()).isEqualTo(sha);
        assertThat(incident.path("labels").path("author").asText()).isEqualTo("mallory");
        assertThat(incident.path("summary").asText()).contains(WORKFLOW).doesNotContain("README.md").contains("approving review");
    }

    @Test
    void aWorkflowChangeMergedThroughAReviewedPullRequestRaisesNothing() {
        SimulatedRepository repo = repository("governed");
        GitHubWebhooks.Delivery push = deliveries.push(repo, INSTALLATION, "dev", List.of(), List.of(WORKFLOW), List.of());
        String sha = after(push);
        repo.addCommit(sha, "dev", false, "ci: deploy on tags", Instant.now())
                .mergePullRequest(41, "dev", "main", List.of(sha), List.of("reviewer"), Instant.now());

        assertThat(deliveries.send(webhook, push)).isEqualTo(202);

        try (TopicValues topics = new TopicValues()) {
            assertThat(topics.all(Topics.INCIDENTS)).noneSatisfy(record -> assertThat(record.key()).contains(sha));
        }
    }

    @Test
    void aSelfApprovedOrUnsignedChangeIsNotGovernedWhereSignaturesAreRequired() {
        SimulatedRepository repo = repository("governed-signed");
        GitHubWebhooks.Delivery push = deliveries.push(repo, INSTALLATION, "dev", List.of(WORKFLOW), List.of(), List.of());
        String sha = after(push);
        repo.addCommit(sha, "dev", false, "ci: add deploy", Instant.now())
                .mergePullRequest(42, "dev", "main", List.of(sha), List.of("dev"), Instant.now());

        assertThat(deliveries.send(webhook, push)).isEqualTo(202);

        JsonNode incident = incident("workflow-change-ungoverned/acme/governed-signed/" + sha);
        assertThat(incident.path("summary").asText()).contains("approving review by someone other than its author").contains("signature");
    }

    private static JsonNode incident(String key) {
        try (TopicValues topics = new TopicValues()) {
            return topics.await(Topics.INCIDENTS, key, found -> !found.isEmpty()).getFirst();
        }
    }

    private static SimulatedRepository repository(String name) {
        return TestGitHub.simulator().addRepository("acme", name).putFile(WORKFLOW, "on: push\njobs: {}\n");
    }

    private static String after(GitHubWebhooks.Delivery push) {
        return TopicValues.json(push.body()).path("after").asText();
    }
}
