package dev.tokenwarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.localstack.SimulatedOrganisation;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each service killed mid-work and restarted, bad records on every consumed topic, a slow receiver. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceFaultsIT {
    /**
     * A receiver slower than the notifier's timeout is timed out and retried; an org scan not advanced for 10 s (5 min in
     * production) is taken as abandoned by its stopped instance and resumed.
     */
    @RegisterExtension
    static final StackExtension STACK = new StackExtension("ServiceFaultsIT", Map.of("tokenwarden.notifier.http.timeout", "2s",
            "tokenwarden.auditor.org-scan.stale-after", "10s", "tokenwarden.auditor.org-scan.resume-every", "2s"));

    /** Each topic a service consumes, and the dead-letter topics of its consumers (README "Conventions"). */
    private static final Map<String, List<String>> CONSUMED = consumed();

    private E2eStack stack() {
        return STACK.stack();
    }

    private static Map<String, List<String>> consumed() {
        Map<String, List<String>> consumed = new LinkedHashMap<>();
        consumed.put(Topics.INVENTORY, List.of("rotation-scheduler"));
        consumed.put(Topics.ROTATION_REQUESTS, List.of("rotation-scheduler"));
        consumed.put(Topics.ROTATION_DUE, List.of("rotation-scheduler", "token-broker"));
        consumed.put(Topics.CREDENTIAL_STATE, List.of("rotation-scheduler", "token-broker"));
        consumed.put(Topics.GITHUB_RATELIMIT, List.of("rotation-scheduler", "token-broker"));
        consumed.put(Topics.LEDGER, List.of("token-broker"));
        consumed.put(Topics.CREDENTIAL_EXPOSED, List.of("token-broker"));
        consumed.put(Topics.AUDIT_BASELINE, List.of("workflow-auditor"));
        consumed.put(Topics.AUDIT_SCANS, List.of("workflow-auditor"));
        consumed.put(Topics.AUDIT_ORG_SCANS, List.of("workflow-auditor"));
        consumed.put(Topics.INCIDENTS, List.of("notifier"));
        consumed.put(Topics.SILENCES, List.of("notifier"));
        return consumed;
    }

    @Test
    @Order(1)
    @Row(id = "bad-records-every-topic", fault = "on every topic a service consumes, one record whose body is not JSON and one whose `ce_type` belongs to another topic",
            proves = "each consumer dead-letters both to `tokenwarden.<service>.<topic>.dlq` with a `dead-letter-reason`, and keeps going: a rotation and an incident delivery still complete afterwards")
    void badRecordsAreDeadLetteredWithAReasonAndConsumersKeepGoing() throws Exception {
        Map<String, String> idsByTopic = new HashMap<>();
        for (String topic : CONSUMED.keySet()) {
            EventType type = java.util.Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
            String source = type.producers().iterator().next().source();
            String malformed = "bad-" + UUID.randomUUID();
            String wrongType = "bad-" + UUID.randomUUID();
            KafkaRecords.send(stack().kafka.bootstrapServers(), topic, "e2e-bad", "{not json", headers(malformed, source, type.ceType()));
            KafkaRecords.send(stack().kafka.bootstrapServers(), topic, "e2e-bad", "{}",
                    headers(wrongType, Service.NOTIFIER.source(), EventType.NOTIFICATION_DELIVERY.ceType()));
            idsByTopic.put(topic, malformed + " " + wrongType);
        }
        for (var consumed : CONSUMED.entrySet()) {
            String topicName = consumed.getKey().substring(Topics.PREFIX.length());
            for (String service : consumed.getValue()) {
                String dlq = Topics.PREFIX + service + "." + topicName + ".dlq";
                for (String id : idsByTopic.get(consumed.getKey()).split(" ")) {
                    Await.until(service + " dead-letters " + id + " from " + consumed.getKey() + " to " + dlq, Rotations.LONG, () ->
                            TopicRecords.read(stack().kafka.bootstrapServers(), dlq).stream()
                                    .anyMatch(r -> id.equals(r.header("ce_id")) && r.header("dead-letter-reason") != null
                                            && !r.header("dead-letter-reason").isBlank()));
                }
            }
        }

        E2eStack.Credential credential = stack().addCredential("e2e-after-bad-records", "acme/api");
        new Rotations(stack()).awaitRotated(credential, 0);
        String incident = "e2e/after-bad-records";
        publishIncident(incident, "e2e");
        Await.until("the notifier delivers " + incident, Rotations.LONG, () -> stack().sink.all().stream().anyMatch(d -> d.fires(incident)));
    }

    @Test
    @Order(2)
    @Row(id = "notifier-killed-mid-delivery", fault = "the webhook receiver `kill -9`s the notifier after receiving a message and before answering it; the notifier is restarted",
            proves = "the message is sent again after the restart with the same `webhook-id` (the documented window: acknowledged, not yet logged), and never under another id")
    void notifierKilledMidDeliverySendsAgainWithTheSameId() throws Exception {
        String incident = "e2e/notifier-crash";
        var notifier = stack().service("notifier");
        stack().sink.onNextFiring(incident, notifier::kill);
        publishIncident(incident, "e2e");
        Await.until("the notifier was killed mid-delivery", Rotations.LONG, () -> !notifier.isRunning());

        stack().restart("notifier");
        Await.until("the message sent again after the restart", Rotations.LONG, () ->
                stack().sink.all().stream().filter(d -> d.fires(incident)).count() >= 2);

        assertThat(stack().sink.all().stream().filter(d -> d.fires(incident)).map(WebhookSink.Delivery::webhookId).distinct())
                .as("one delivery id for the incident").hasSize(1);
        String deliveryId = stack().sink.all().stream().filter(d -> d.fires(incident)).findFirst().orElseThrow().webhookId();
        awaitLoggedDelivered("deliveryId", deliveryId);
    }

    @Test
    @Order(3)
    @Row(id = "slow-receiver", fault = "the webhook receiver answers only after 5 s, longer than the notifier's 2 s timeout, then at once again",
            proves = "the notifier times out, retries with the same `webhook-id`, and logs the message delivered; no other id is used for it")
    void aSlowReceiverIsRetriedUnderTheSameId() throws Exception {
        String incident = "e2e/slow-receiver";
        stack().sink.answerAfter(Duration.ofSeconds(5));
        try {
            publishIncident(incident, "e2e");
            Await.until("the slow receiver got the message", Rotations.LONG, () -> stack().sink.all().stream().anyMatch(d -> d.fires(incident)));
        } finally {
            stack().sink.answerAfter(Duration.ZERO);
        }
        awaitLoggedDelivered("incidentKey", incident);

        assertThat(TopicRecords.read(stack().kafka.bootstrapServers(), Topics.NOTIFICATIONS).stream().map(Rotations.body())
                .filter(b -> incident.equals(b.path("incidentKey").asText())).map(b -> b.path("outcome").asText().toLowerCase()))
                .as("timed out, retried, then delivered").contains("retrying", "delivered");
        assertThat(stack().sink.all().stream().filter(d -> d.fires(incident)).map(WebhookSink.Delivery::webhookId).distinct())
                .as("one delivery id").hasSize(1);
    }

    @Test
    @Order(4)
    @Row(id = "scheduler-killed-mid-pass", fault = "an emergency rotation of a repository's three credentials (one installation); the GitHub simulator `kill -9`s the scheduler when it answers the first of their mints; the scheduler is restarted",
            proves = "after the restart every credential of the request is rotated, each once: one Vault version per rotation id and one rotation id per credential for the request")
    void schedulerKilledMidPassFinishesTheRequestOnce() throws Exception {
        Rotations rotations = new Rotations(stack());
        Rotations.Batch batch = rotations.rotatedBatch("e2e-pass-", "acme/platform");
        List<E2eStack.Credential> credentials = batch.credentials();
        var scheduler = stack().service("rotation-scheduler");
        stack().github.onNextSuccess("POST", credentials.getFirst().mintPath(), scheduler::kill);

        stack().requestRotation("repository", "acme/platform", "emergency");
        Await.until("the scheduler was killed mid-pass", Rotations.LONG, () -> !scheduler.isRunning());
        stack().restart("rotation-scheduler");

        for (E2eStack.Credential credential : credentials) {
            rotations.awaitRotated(credential, batch.versions().get(credential.id()));
            rotations.assertOneVersionPerRotation(credential);
            assertThat(rotations.records(Topics.ROTATION_DUE, credential).stream().map(Rotations.body())
                    .filter(b -> "emergency".equals(b.path("reason").asText())).map(b -> b.path("rotationId").asText()).distinct())
                    .as("one emergency rotation of %s", credential.id()).hasSize(1);
        }
        rotations.awaitOnlyCurrentValuesLive(credentials);
    }

    @Test
    @Order(5)
    @Row(id = "auditor-killed-mid-org-scan", fault = "an organisation scan of acme; the GitHub simulator `kill -9`s the auditor when it answers the scan's fetch of one repository's tree; the auditor is restarted",
            proves = "the restarted auditor finds the scan abandoned in its `audit.org-scans` record, resumes it and completes it with no repository failed")
    void auditorKilledMidOrgScanCompletesIt() throws Exception {
        var auditor = stack().service("workflow-auditor");
        stack().github.onNextSuccess("GET", "/" + SimulatedOrganisation.ORG + "/platform/git/trees/main", auditor::kill);
        HttpResponse<String> started = stack().call("workflow-auditor", "POST", "/org-scans", "{\"org\":\"" + SimulatedOrganisation.ORG + "\"}");
        assertThat(started.statusCode()).as("org scan accepted: %s", started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/org-scans"));
        Await.until("the auditor was killed mid-scan", Rotations.LONG, () -> !auditor.isRunning());

        stack().restart("workflow-auditor");
        JsonNode[] view = new JsonNode[1];
        Await.until("the org scan completed after the restart", Rotations.LONG, () -> {
            view[0] = Rotations.body().apply(new TopicRecords.Record("", "", stack().call("workflow-auditor", "GET", path, null).body(), Map.of()));
            return "completed".equals(view[0].path("state").asText());
        });
        assertThat(view[0].path("repositoriesFailed").asInt()).isZero();
    }

    @Test
    @Order(6)
    @Row(id = "notifier-killed-mid-group", fault = "two incidents of one group (a route with a 15 s `group_wait`) taken in by the notifier; the notifier is `kill -9`ed while the group still waits, then restarted",
            proves = "nothing was sent before the kill; after the restart the group is sent exactly once, one message listing both incidents, and the delivery log records that message's id delivered once for each incident and no other id for them (the re-send window needs a message already sent, so none may repeat here)")
    void notifierKilledMidGroupSendsTheGroupOnceAfterTheRestart() throws Exception {
        List<String> incidents = List.of("e2e/waiting-group-1", "e2e/waiting-group-2");
        for (String incident : incidents) {
            publishIncident(incident, "e2e", Map.of("credential", incident, E2eStack.WAITING_GROUP_LABEL, E2eStack.WAITING_GROUP));
        }
        Await.until("the notifier took in the group's incidents", Rotations.LONG, () ->
                TopicRecords.committedToEnd(stack().kafka.bootstrapServers(), "notifier", Topics.INCIDENTS));
        var notifier = stack().service("notifier");
        notifier.kill();
        assertThat(groupMessages(incidents)).as("nothing sent while the group waited").isEmpty();

        stack().restart("notifier");
        for (String incident : incidents) {
            awaitLoggedDelivered("incidentKey", incident);
        }

        List<WebhookSink.Delivery> sent = groupMessages(incidents);
        assertThat(sent).as("the group sent once").hasSize(1);
        assertThat(incidents).as("the one message lists every incident of the group").allMatch(sent.getFirst()::fires);
        List<JsonNode> logged = TopicRecords.read(stack().kafka.bootstrapServers(), Topics.NOTIFICATIONS).stream().map(Rotations.body())
                .filter(b -> incidents.contains(b.path("incidentKey").asText())).toList();
        assertThat(logged).as("the delivery log names only the sent message's id").allMatch(b -> sent.getFirst().webhookId().equals(b.path("deliveryId").asText()));
        for (String incident : incidents) {
            assertThat(logged.stream().filter(b -> incident.equals(b.path("incidentKey").asText()) && "delivered".equalsIgnoreCase(b.path("outcome").asText())))
                    .as("%s logged delivered once", incident).hasSize(1);
        }
    }

    /** The messages the receiver got firing any of {@code incidents}. */
    private List<WebhookSink.Delivery> groupMessages(List<String> incidents) {
        return stack().sink.all().stream().filter(d -> incidents.stream().anyMatch(d::fires)).toList();
    }

    /** Waits until the delivery log has a {@code delivered} record whose {@code field} is {@code value}. */
    private void awaitLoggedDelivered(String field, String value) throws Exception {
        Await.until("the delivery log records " + value + " delivered", Rotations.LONG, () ->
                TopicRecords.read(stack().kafka.bootstrapServers(), Topics.NOTIFICATIONS).stream().map(Rotations.body())
                        .anyMatch(b -> value.equals(b.path(field).asText()) && "delivered".equalsIgnoreCase(b.path("outcome").asText())));
    }

    private void publishIncident(String key, String type) throws Exception {
        publishIncident(key, type, Map.of("credential", key));
    }

    private void publishIncident(String key, String type, Map<String, String> labels) throws Exception {
        Instant now = Instant.now();
        Incident incident = new Incident(key, IncidentStatus.FIRING, type, Severity.HIGH, "e2e incident " + key, "raised by the e2e suite",
                labels, now, now, List.of());
        KafkaRecords.send(stack().kafka.bootstrapServers(), Topics.INCIDENTS, key,
                new String(EventJson.write(incident), StandardCharsets.UTF_8),
                headers(UUID.randomUUID().toString(), Service.TOKEN_BROKER.source(), EventType.INCIDENT.ceType()));
    }

    private static Map<String, String> headers(String id, String source, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", source, "ce_type", type,
                "ce_time", Instant.now().toString(), "content-type", "application/json");
    }
}
