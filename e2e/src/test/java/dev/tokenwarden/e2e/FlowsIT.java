package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.localstack.SimulatedOrganisation;
import dev.tokenwarden.sandbox.github.GitHubWebhooks;
import dev.tokenwarden.sandbox.github.SimulatedRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whole flows through the four services, as an operator and GitHub would drive them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowsIT {
    /** Installation tokens are re-minted 45 minutes after their last mint in production; 30 s here. */
    @RegisterExtension
    static final StackExtension STACK = new StackExtension("FlowsIT", Map.of("tokenwarden.scheduler.installation-refresh-after", "PT30S"));

    private E2eStack stack() {
        return STACK.stack();
    }

    @Test
    @Order(1)
    @Row(id = "flow-scheduled-rotation", fault = "none: an inventory entry, its first rotation, then its next scheduled one",
            proves = "the schedule rotates on its own: a new Vault version, `token.rotated`, the ledger's entries for both values, the old value revoked after the overlap and marked revoked in the ledger")
    void aScheduledRotationReplacesTheValueAndRevokesTheOldOneAfterTheOverlap() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = stack().addCredential("flow-scheduled", "acme/api");
        E2eStack.VaultVersion first = rotations.awaitRotated(credential, 0);
        E2eStack.VaultVersion second = rotations.awaitRotated(credential, first.version());

        rotations.assertSettled(credential);
        assertThat(stack().github.isRevoked(first.token())).as("the first value revoked after the overlap").isTrue();
        JsonNode due = rotations.records(Topics.ROTATION_DUE, credential).stream().map(Rotations.body())
                .filter(b -> second.rotationId().equals(b.path("rotationId").asText())).findFirst().orElseThrow();
        assertThat(due.path("reason").asText()).as("emitted by the schedule").isEqualTo("scheduled");
        Await.until("the ledger marks the first value revoked", Rotations.LONG, () -> ledger(first.token()).map(e -> e.hasNonNull("revokedAt")).orElse(false));
        assertThat(ledger(second.token())).as("the ledger has the new value").isPresent()
                .get().satisfies(entry -> assertThat(entry.path("credentialId").asText()).isEqualTo(credential.id()));
    }

    @Test
    @Order(2)
    @Row(id = "flow-push-webhook", fault = "none: a signed `push` webhook adding a workflow with a script injection",
            proves = "the auditor fetches the pushed workflow with its own credential, publishes the findings on `audit.findings`, and the notifier delivers the high-severity incident")
    void aSignedPushEndsWithFindingsAndAHighSeverityIncidentDelivered() throws Exception {
        SimulatedRepository repository = stack().github.addRepository(SimulatedOrganisation.ORG, "web");
        repository.putFile(".github/workflows/triage.yml", """
                name: triage
                on:
                  issues:
                    types: [opened]
                permissions:
                  contents: read
                jobs:
                  label:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    steps:
                      - run: echo "${{ github.event.issue.title }}"
                """);
        GitHubWebhooks webhooks = stack().github.webhooks(stack().webhookSecret);
        GitHubWebhooks.Delivery push = webhooks.push(repository, SimulatedOrganisation.INSTALLATIONS.getFirst(), "mallory",
                List.of(".github/workflows/triage.yml"), List.of(), List.of());
        int status = webhooks.send(URI.create("http://127.0.0.1:" + stack().service("workflow-auditor").httpPort() + "/webhooks/github"), push);
        assertThat(status).as("the signed push is accepted").isBetween(200, 299);

        JsonNode[] finding = new JsonNode[1];
        Await.until("a high-severity finding for acme/web on audit.findings", Rotations.LONG, () -> {
            finding[0] = TopicRecords.read(stack().kafka.bootstrapServers(), Topics.AUDIT_FINDINGS).stream()
                    .filter(r -> "acme/web".equals(r.key())).map(Rotations.body())
                    .filter(b -> List.of("high", "critical").contains(b.path("severity").asText().toLowerCase()))
                    .findFirst().orElse(null);
            return finding[0] != null;
        });
        String incident = "audit-finding/acme/web/" + finding[0].path("fingerprint").asText();
        Await.until("the incident " + incident + " delivered", Rotations.LONG, () -> stack().sink.all().stream().anyMatch(d -> d.fires(incident)));
        List<WebhookSink.Delivery> delivered = stack().sink.all().stream().filter(d -> d.fires(incident)).toList();
        assertThat(delivered).as("delivered once").hasSize(1);
        assertThat(delivered.getFirst().severityOf(incident)).isIn("high", "critical", "HIGH", "CRITICAL");
    }

    @Test
    @Order(3)
    @Row(id = "flow-emergency-repository", fault = "none: an operator's emergency \"rotate everything for repository X\" over three credentials minted from one installation",
            proves = "the request names every matching credential, the scheduler emits each with reason `emergency` within the installation's pacing budget, and every one ends rotated with its previous value revoked")
    void anEmergencyRotationOfARepositoryIsPacedAndCompletes() throws Exception {
        Rotations rotations = new Rotations(stack());
        Rotations.Batch batch = rotations.rotatedBatch("flow-payments-", "acme/payments");
        List<E2eStack.Credential> credentials = batch.credentials();

        String accepted = stack().requestRotation("repository", "acme/payments", "emergency");
        credentials.forEach(c -> assertThat(accepted).as("the request names %s", c.id()).contains(c.id()));
        for (E2eStack.Credential credential : credentials) {
            E2eStack.VaultVersion rotated = rotations.awaitRotated(credential, batch.versions().get(credential.id()));
            JsonNode due = rotations.records(Topics.ROTATION_DUE, credential).stream().map(Rotations.body())
                    .filter(b -> rotated.rotationId().equals(b.path("rotationId").asText())).findFirst().orElseThrow();
            assertThat(due.path("reason").asText()).isIn("emergency", "scheduled");
            rotations.assertOneVersionPerRotation(credential);
        }
        rotations.awaitOnlyCurrentValuesLive(credentials);
        var pacing = stack().call("rotation-scheduler", "GET", "/pacing", null);
        assertThat(pacing.statusCode()).isEqualTo(200);
        assertThat(pacing.body()).as("the installation is paced").contains(Long.toString(credentials.getFirst().installationId()));
    }

    private java.util.Optional<JsonNode> ledger(String value) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        List<TopicRecords.Record> entries = TopicRecords.read(stack().kafka.bootstrapServers(), Topics.LEDGER).stream()
                .filter(r -> hash.equals(r.key()) && r.value() != null).toList();
        return entries.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Rotations.body().apply(entries.getLast()));
    }
}
