package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rows that carry "never lose a credential": each arms a fault from outside, asks the scheduler for a rotation of a
 * credential that already has a working value, and checks the invariants while the fault holds and after it is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RotationFaultsIT {
    @RegisterExtension
    static final StackExtension STACK = new StackExtension("RotationFaultsIT", Map.of());

    private E2eStack stack() {
        return STACK.stack();
    }

    /** A new credential with its first rotation done: the "previous credential" a row's fault must not lose. */
    private E2eStack.Credential rotatedOnce(Rotations rotations, String id) throws Exception {
        E2eStack.Credential credential = stack().addCredential(id, "acme/api");
        rotations.awaitRotated(credential, 0);
        rotations.watch(credential);
        return credential;
    }

    @Test
    @Order(1)
    @Row(id = "rotation-due-three-times", fault = "the same `rotation.due` record (same `ce_id`) produced three more times while and after the broker rotates",
            proves = "one mint, one Vault version and one `token.rotated` for the rotation id; the credential settles with one live value")
    void theSameRotationDueDeliveredThreeTimesRotatesOnce() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = rotatedOnce(rotations, "e2e-duplicate");
        E2eStack.VaultVersion first = stack().currentVersion(credential).orElseThrow();

        stack().requestRotation("credential", credential.id(), "manual");
        TopicRecords.Record[] order = new TopicRecords.Record[1];
        Await.until("the scheduler emitted the manual rotation of " + credential.id(), Rotations.LONG, () -> {
            List<TopicRecords.Record> due = rotations.records(Topics.ROTATION_DUE, credential);
            order[0] = due.getLast();
            return due.size() >= 2;
        });
        for (int copy = 0; copy < 3; copy++) {
            KafkaRecords.resend(stack().kafka.bootstrapServers(), order[0]);
        }
        E2eStack.VaultVersion second = rotations.awaitRotated(credential, first.version());
        String rotationId = Rotations.body().apply(order[0]).path("rotationId").asText();

        assertThat(second.rotationId()).isEqualTo(rotationId);
        assertThat(second.version()).as("one new Vault version").isEqualTo(first.version() + 1);
        rotations.assertSettled(credential);
        assertThat(stack().github.installationTokens(credential.installationId())).as("one mint per rotation").hasSize(2);
        assertThat(rotations.records(Topics.TOKEN_LIFECYCLE, credential).stream().map(Rotations.body())
                .filter(b -> rotationId.equals(b.path("rotationId").asText()) && b.has("vaultVersion")).count())
                .as("token.rotated for %s", rotationId).isEqualTo(1);
    }

    @Test
    @Order(2)
    @Row(id = "broker-killed-after-vault-write", fault = "the Vault proxy `kill -9`s the token-broker right after Vault stored the new version, before the broker hears back or publishes; then it is restarted",
            proves = "the previous value stays valid while the broker is down; after the restart the broker resumes the same rotation without a second mint or Vault version, publishes it, and revokes the previous value after the overlap")
    void brokerKilledAfterTheVaultWriteResumesTheSameRotation() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = rotatedOnce(rotations, "e2e-broker-crash");
        E2eStack.VaultVersion previous = stack().currentVersion(credential).orElseThrow();
        var broker = stack().service("token-broker");
        stack().vaultProxy.onNextForwarded("POST", "/" + E2eStack.MOUNT + "/data/" + credential.vaultPath(), broker::kill);

        stack().requestRotation("credential", credential.id(), "manual");
        Await.until("the broker was killed after its Vault write", Rotations.LONG, () -> !broker.isRunning());
        E2eStack.VaultVersion written = stack().currentVersion(credential).orElseThrow();
        assertThat(written.version()).as("the write the crash followed").isEqualTo(previous.version() + 1);
        assertThat(stack().github.isValid(previous.token())).as("the previous value is still valid").isTrue();
        assertThat(rotations.state(credential).orElseThrow().path("lastRotationId").asText())
                .as("nothing was published for the new rotation").isEqualTo(previous.rotationId());

        stack().restart("token-broker");
        E2eStack.VaultVersion finished = rotations.awaitRotated(credential, previous.version());

        assertThat(finished).as("the rotation resumed on the stored version").isEqualTo(written);
        rotations.assertSettled(credential);
        assertThat(stack().github.installationTokens(credential.installationId())).as("no second mint after the crash").hasSize(2);
    }

    @Test
    @Order(3)
    @Row(id = "kafka-killed-mid-rotation", fault = "the GitHub simulator `kill -9`s the Kafka broker process the moment it answers the new token's mint; Kafka is restarted on the same port with its data",
            proves = "the previous value stays valid while Kafka is down; the rotation completes once Kafka is back, with one Vault version for its rotation id, and the previous value is revoked after the overlap")
    void kafkaKilledMidRotationCompletesAfterItsRestart() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = rotatedOnce(rotations, "e2e-kafka-crash");
        E2eStack.VaultVersion previous = stack().currentVersion(credential).orElseThrow();
        stack().github.onNextSuccess("POST", credential.mintPath(), stack().kafka::kill);

        stack().requestRotation("credential", credential.id(), "manual");
        Await.until("Kafka was killed mid-rotation", Rotations.LONG, () -> !stack().kafka.isRunning());
        assertThat(stack().github.isValid(previous.token())).as("the previous value is still valid").isTrue();
        rotations.assertCurrentValueWorks(credential);

        stack().kafka.start();
        rotations.awaitRotated(credential, previous.version());

        rotations.assertSettled(credential);
    }

    @Test
    @Order(4)
    @Row(id = "vault-503", fault = "the GitHub simulator turns the proxy in front of OpenBao to answering every request 503 (sealed) the moment it answers the new token's mint; the proxy forwards again once the broker has given up",
            proves = "the broker retries the store, then revokes the value it could not store (none is lost unrecorded) and publishes the failure; Vault's current value stays the previous one, valid; the scheduler's retry completes the rotation after Vault is back")
    void vaultAnswering503AfterTheMintLosesNothing() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = rotatedOnce(rotations, "e2e-vault-503");
        E2eStack.VaultVersion previous = stack().currentVersion(credential).orElseThrow();
        int refusedBefore = stack().vaultProxy.refusedRequests();
        stack().github.onNextSuccess("POST", credential.mintPath(),
                () -> stack().vaultProxy.answerUnavailable("{\"errors\":[\"Vault is sealed\"]}"));
        try {
            stack().requestRotation("credential", credential.id(), "manual");
            rotations.awaitFailurePublished(credential);
            assertThat(stack().vaultProxy.refusedRequests()).as("the broker retried against Vault").isGreaterThan(refusedBefore + 1);
            assertThat(stack().currentVersion(credential).orElseThrow()).as("Vault still holds the previous value").isEqualTo(previous);
            rotations.assertCurrentValueWorks(credential);
            assertThat(stack().github.installationTokens(credential.installationId())).as("the value Vault would not take")
                    .filteredOn(token -> !token.equals(previous.token())).isNotEmpty().allMatch(stack().github::isRevoked);
        } finally {
            stack().vaultProxy.heal();
        }
        rotations.awaitRotated(credential, previous.version());

        rotations.assertSettled(credential);
    }

    @Test
    @Order(5)
    @Row(id = "github-5xx-403-401", fault = "GitHub answers the credential's mint with 502 twice, a 403 secondary rate limit with `Retry-After`, then 401 Bad credentials",
            proves = "the previous value stays current and valid; the failure is published (`token.rotation-failed`) and its incident reaches the receiver once; the scheduler's retry completes the rotation")
    void gitHubErrorsThenAFailedRotationThenItsRetry() throws Exception {
        Rotations rotations = new Rotations(stack());
        E2eStack.Credential credential = rotatedOnce(rotations, "e2e-github-errors");
        E2eStack.VaultVersion previous = stack().currentVersion(credential).orElseThrow();
        String mint = credential.mintPath();
        stack().github.failNextOn("POST", mint, 2, 502);
        stack().github.secondaryLimitNextOn("POST", mint, 1, 1);
        stack().github.failNextOn("POST", mint, 1, 401);

        stack().requestRotation("credential", credential.id(), "manual");
        rotations.awaitFailurePublished(credential);
        rotations.assertCurrentValueWorks(credential);
        String incident = "rotation-failed/" + credential.id();
        Await.until("the incident " + incident + " delivered", Rotations.LONG, () ->
                stack().sink.all().stream().anyMatch(d -> d.fires(incident)));
        rotations.awaitRotated(credential, previous.version());

        assertThat(stack().github.aimedFaultsPending()).as("every fault answered a mint").isZero();
        rotations.assertSettled(credential);
        Await.until("the incident " + incident + " resolved", Rotations.LONG, () -> stack().sink.all().stream()
                .anyMatch(d -> d.resolves(incident)));
        List<WebhookSink.Delivery> firing = stack().sink.all().stream().filter(d -> d.fires(incident)).toList();
        assertThat(firing).as("the failure notified once").hasSize(1);
        assertThat(stack().sink.all().stream().map(WebhookSink.Delivery::webhookId).distinct().count())
                .as("no delivery id received twice").isEqualTo(stack().sink.all().size());
    }

}
