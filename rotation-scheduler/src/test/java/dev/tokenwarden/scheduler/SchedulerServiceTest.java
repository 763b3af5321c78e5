package dev.tokenwarden.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.scheduler.domain.RotationIds;
import dev.tokenwarden.scheduler.infra.InventoryFileWatch;
import dev.tokenwarden.scheduler.cli.DryRunCommand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service against the real sandbox broker: REST in, topics out, and back through credential.state. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SchedulerServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VIEWER_KEY = "scheduler-test-viewer-key";
    private static final String OPERATOR_KEY = "scheduler-test-operator-key";
    private static final String ADMIN_KEY = "scheduler-test-admin-key";

    @Inject
    MutableClock clock;

    @Inject
    InventoryFileWatch fileWatch;

    KafkaCompanion companion;

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        companion.close();
    }

    @Test
    void anEntryIsValidatedWrittenRotatedConfirmedAndDeleted() {
        String id = uniqueId("pat");
        ConsumerTask<String, byte[]> due = consume(Topics.ROTATION_DUE);
        ConsumerTask<String, byte[]> actions = consume(Topics.OPERATOR_ACTIONS);

        asOperator().contentType(ContentType.JSON).body(json(pat(id, "gold"))).post("/inventory")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("entry '" + id + "' field 'tier': unknown tier 'gold'"))
                .body("field", equalTo("tier"));
        InventoryEntry twiceWrong = new InventoryEntry(id, CredentialKind.CLASSIC_PAT, "gold", "acme", "ci", List.of("not a repository"), List.of(),
                "owner@acme.test", PolicyOverrides.NONE);
        asOperator().contentType(ContentType.JSON).body(json(twiceWrong)).post("/inventory")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.entry", org.hamcrest.Matchers.contains(id, id))
                .body("violations.field", org.hamcrest.Matchers.contains("tier", "repositories[0]"))
                .body("violations[1].message", containsString("must be owner/name"));
        asOperator().contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"kind\":\"classic-pat\"}").post("/inventory")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("missing required field 'tier'"));
        asOperator().contentType(ContentType.JSON).body("{\"id\":").post("/inventory")
                .then().statusCode(400).contentType("application/problem+json");
        asViewer().get("/inventory/" + id).then().statusCode(404).contentType("application/problem+json");

        asOperator().contentType(ContentType.JSON).body(json(pat(id, "deployment"))).post("/inventory").then().statusCode(201);
        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/inventory/" + id).then().statusCode(200).body("tier", equalTo("deployment")));
        asOperator().contentType(ContentType.JSON).body(json(pat(id, "deployment"))).post("/inventory").then().statusCode(409);

        RotationDue first = payload(awaitRecord(due, id, r -> true), RotationDue.class);
        assertThat(first.reason()).isEqualTo(RotationReason.SCHEDULED);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.rotationId()).isEqualTo(RotationIds.of(id, first.dueAt()));
        assertThat(first.entry().tier()).isEqualTo("deployment");
        OperatorAction created = payload(awaitRecord(actions, "otto", r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)),
                OperatorAction.class);
        assertThat(created.action()).isEqualTo("inventory.create");
        assertThat(created.role()).isEqualTo("operator");

        Instant rotatedAt = clock.instant();
        produce(Topics.CREDENTIAL_STATE, EventType.CREDENTIAL_STATE, id,
                new CredentialState(id, CredentialStatus.HEALTHY, 2L, rotatedAt, null, first.rotationId(), rotatedAt));
        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/credentials/" + id + "/history")
                .then().statusCode(200).body("event", org.hamcrest.Matchers.hasItems("EMITTED", "CONFIRMED")));
        asViewer().queryParam("before", rotatedAt.plus(Duration.ofDays(31)).toString()).get("/schedule")
                .then().statusCode(200).body("rebuilt", equalTo(true))
                .body("upcoming.find { it.credentialId == '" + id + "' }.dueAt", equalTo(rotatedAt.plus(Duration.ofDays(30)).toString()));
        asViewer().queryParam("before", "next tuesday").get("/schedule").then().statusCode(400).contentType("application/problem+json");

        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(containsString("tokenwarden_scheduler_rotations_emitted_total{reason=\"scheduled\""))
                .body(containsString("tokenwarden_scheduler_rebuilt 1.0"));

        asOperator().delete("/inventory/" + id).then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/inventory/" + id).then().statusCode(404));
    }

    @Test
    void anAnonymousCallIs401ProblemAndAViewerMayReadButNotChange() {
        String id = uniqueId("roles");
        for (var anonymous : List.of(given().get("/inventory"), given().get("/schedule"), given().get("/pacing"),
                given().get("/credentials/" + id + "/history"), given().contentType(ContentType.JSON).body(json(pat(id, "read"))).post("/inventory"),
                given().contentType(ContentType.JSON).body("{\"scope\":\"all\"}").post("/rotations"))) {
            anonymous.then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        }
        asViewer().get("/inventory").then().statusCode(200);
        for (var viewerChange : List.of(asViewer().contentType(ContentType.JSON).body(json(pat(id, "read"))).post("/inventory"),
                asViewer().contentType(ContentType.JSON).body(json(pat(id, "read"))).put("/inventory/" + id),
                asViewer().delete("/inventory/" + id),
                asViewer().contentType(ContentType.JSON).body("{\"scope\":\"all\"}").post("/rotations"))) {
            viewerChange.then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
        asOperator().contentType(ContentType.JSON).body("{\"scope\":\"all\",\"reason\":\"emergency\"}").post("/rotations")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().header("X-Api-Key", ADMIN_KEY).contentType(ContentType.JSON).body(json(pat(id, "read"))).post("/inventory")
                .then().statusCode(201);
    }

    @Test
    void anUnconfirmedRotationIsRetriedThenRaisedOverdueAndResolvedOnConfirmation() {
        String id = uniqueId("inst");
        ConsumerTask<String, byte[]> due = consume(Topics.ROTATION_DUE);
        ConsumerTask<String, byte[]> incidents = consume(Topics.INCIDENTS);
        asOperator().contentType(ContentType.JSON).body(json(installation(id, 900))).put("/inventory/" + id).then().statusCode(200);

        RotationDue first = payload(awaitRecord(due, id, r -> true), RotationDue.class);
        clock.advance(Duration.ofMinutes(11));
        RotationDue second = payload(awaitRecord(due, id, r -> payload(r, RotationDue.class).attempt() == 2), RotationDue.class);
        assertThat(second.rotationId()).isEqualTo(first.rotationId());
        assertThat(second.reason()).isEqualTo(RotationReason.RETRY);
        clock.advance(Duration.ofMinutes(21));
        awaitRecord(due, id, r -> payload(r, RotationDue.class).attempt() == 3);
        clock.advance(Duration.ofMinutes(41));

        Incident overdue = payload(awaitRecord(incidents, "rotation-overdue/" + id, r -> true), Incident.class);
        assertThat(overdue.status()).isEqualTo(IncidentStatus.FIRING);
        assertThat(overdue.labels()).containsEntry("credential", id);
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(overdueGauge("fixer", 1)).body(overdueGauge("read", 0));

        Instant now = clock.instant();
        produce(Topics.CREDENTIAL_STATE, EventType.CREDENTIAL_STATE, id,
                new CredentialState(id, CredentialStatus.HEALTHY, 1L, now, now.plus(Duration.ofHours(1)), first.rotationId(), now));
        awaitRecord(incidents, "rotation-overdue/" + id, r -> payload(r, Incident.class).status() == IncidentStatus.RESOLVED);
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .body(overdueGauge("fixer", 0));
    }

    @Test
    void emergencyRotationByConsumerIsEmittedAndRecorded() {
        String consumer = uniqueId("team");
        String a = uniqueId("a");
        String b = uniqueId("b");
        ConsumerTask<String, byte[]> due = consume(Topics.ROTATION_DUE);
        ConsumerTask<String, byte[]> actions = consume(Topics.OPERATOR_ACTIONS);
        putScheduledPats(consumer, due, a, b);
        // A request at the instant the entries were first seen would name the rotations already emitted for them.
        clock.advance(Duration.ofSeconds(1));
        asOperator().contentType(ContentType.JSON).body("{\"scope\":\"galaxy\"}").post("/rotations")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("scope 'galaxy'"));

        asOperator().contentType(ContentType.JSON).body("{\"scope\":\"consumer\",\"value\":\"" + consumer + "\",\"reason\":\"emergency\"}")
                .post("/rotations").then().statusCode(202).body("credentials", org.hamcrest.Matchers.contains(a, b));

        for (String id : List.of(a, b)) {
            RotationDue emergency = payload(awaitRecord(due, id, r -> payload(r, RotationDue.class).reason() == RotationReason.EMERGENCY),
                    RotationDue.class);
            assertThat(emergency.requestedBy()).isEqualTo("otto");
        }
        OperatorAction action = payload(awaitRecord(actions, "otto",
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("consumer:" + consumer)), OperatorAction.class);
        assertThat(action.action()).isEqualTo("rotation.emergency");
    }

    @Test
    void aDryRunSaysWhatWouldRotateAndRequestsNothing() {
        String consumer = uniqueId("dry");
        String a = uniqueId("a");
        String b = uniqueId("b");
        ConsumerTask<String, byte[]> due = consume(Topics.ROTATION_DUE);
        ConsumerTask<String, byte[]> requests = consume(Topics.ROTATION_REQUESTS);
        ConsumerTask<String, byte[]> actions = consume(Topics.OPERATOR_ACTIONS);
        putScheduledPats(consumer, due, a, b);
        clock.advance(Duration.ofSeconds(1));
        String selector = "{\"scope\":\"consumer\",\"value\":\"" + consumer + "\",\"reason\":\"emergency\"}";

        String actionId = asOperator().contentType(ContentType.JSON).body(selector).post("/rotations?dryRun=true")
                .then().statusCode(200)
                .body("reason", equalTo("emergency"))
                .body("preview.credentials", equalTo(2))
                .body("preview.unplanned", equalTo(0))
                .body("preview.rotations.credentialId", org.hamcrest.Matchers.containsInAnyOrder(a, b))
                .body("preview.rotations.installation", org.hamcrest.Matchers.everyItem(equalTo("unpooled")))
                .body("preview.installations[0].rotations", equalTo(2))
                .extract().path("actionId");
        asOperator().contentType(ContentType.JSON).body(selector).post("/rotations?dryRun=true&limit=0")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("limit"));

        OperatorAction recorded = payload(awaitRecord(actions, "otto",
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(actionId)), OperatorAction.class);
        assertThat(recorded.action()).isEqualTo("rotation.emergency.dry-run");
        assertThat(recorded.target()).isEqualTo("consumer:" + consumer);
        // A pass after the dry run still emits nothing for it: no request was published, no credential marked.
        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/schedule?before=" + clock.instant().plus(Duration.ofDays(200)))
                .then().statusCode(200).body("upcoming.findAll { it.consumer == '" + consumer + "' }.status",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(equalTo("REQUESTED")))));
        assertThat(requests.getRecords()).noneMatch(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(consumer));
        assertThat(due.getRecords()).noneMatch(r -> r.value() != null && (a.equals(r.key()) || b.equals(r.key()))
                && payload(r, RotationDue.class).reason() == RotationReason.EMERGENCY);
    }

    /** The command line asks the running scheduler, prints the plan as a table, and its exit code says what happened. */
    @Test
    void theDryRunCommandPrintsThePlanAndRefusesWhatTheSchedulerRefuses() {
        String consumer = uniqueId("cli");
        String a = uniqueId("a");
        putScheduledPats(consumer, consume(Topics.ROTATION_DUE), a);
        String url = "http://localhost:" + io.restassured.RestAssured.port;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        DryRunCommand operator = new DryRunCommand(Map.of("TOKENWARDEN_API_KEY", OPERATOR_KEY, "TOKENWARDEN_SCHEDULER_URL", url),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(operator.run(new String[] {"consumer", consumer, "--emergency"})).isEqualTo(DryRunCommand.PLANNED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Dry run: emergency rotation of consumer '" + consumer + "'")
                .containsPattern("(?m)^CREDENTIAL +KIND +TIER +CONSUMER +BUDGET +WHEN +NOW +REPLICA$")
                .containsPattern("(?m)^" + a + " +fine-grained-pat +read +" + consumer + " +unpooled +20")
                .containsPattern("(?m)^unpooled +1 +");
        assertThat(operator.run(new String[] {"consumer", uniqueId("nobody")})).isEqualTo(DryRunCommand.REFUSED);
        assertThat(operator.run(new String[] {"all"})).as("all needs admin").isEqualTo(DryRunCommand.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 404: no credential in the inventory matches consumer", "HTTP 403");
        assertThat(new DryRunCommand(Map.of("TOKENWARDEN_SCHEDULER_URL", url), System.out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"tier", "read"})).as("no API key").isEqualTo(DryRunCommand.REFUSED);
    }

    @Test
    void recordsThatFailTheirChecksGoToTheDeadLetterTopics() {
        String key = uniqueId("bad");
        ConsumerTask<String, byte[]> dead = consume("tokenwarden.rotation-scheduler.credential.state.dlq");
        companion.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(CloudEvents.raw(Topics.CREDENTIAL_STATE, Service.TOKEN_BROKER.source(),
                EventType.CREDENTIAL_STATE, key, "{not json".getBytes(StandardCharsets.UTF_8), clock.instant())).awaitCompletion();
        companion.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(CloudEvents.raw(Topics.CREDENTIAL_STATE, Service.NOTIFIER.source(),
                EventType.CREDENTIAL_STATE, key + "-spoofed", EventJson.write(new CredentialState(key, CredentialStatus.HEALTHY, 1L, null, null,
                        null, clock.instant())), clock.instant())).awaitCompletion();

        assertThat(reason(awaitRecord(dead, key, r -> true))).startsWith("malformed-body:");
        assertThat(reason(awaitRecord(dead, key + "-spoofed", r -> true))).startsWith("disallowed-source:");
    }

    @Test
    void pacingFollowsRateLimitObservationsAndWarnsBeforeTheLimit() {
        String installation = "102/" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        ConsumerTask<String, byte[]> incidents = consume(Topics.INCIDENTS);
        Instant now = clock.instant();
        produce(Topics.GITHUB_RATELIMIT, EventType.RATE_LIMIT_OBSERVED, installation,
                new RateLimitObservation(installation, "core", 5000, 300, now.plus(Duration.ofMinutes(30)), null, now));

        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/pacing").then().statusCode(200)
                .body("installations.find { it.installation == '" + installation + "' }.mode", equalTo("CONSERVATIVE")));
        awaitRecord(incidents, "rate-limit-low/" + installation, r -> payload(r, Incident.class).status() == IncidentStatus.FIRING);

        produce(Topics.GITHUB_RATELIMIT, EventType.RATE_LIMIT_OBSERVED, installation,
                new RateLimitObservation(installation, "core", 5000, 4900, now.plus(Duration.ofMinutes(30)), null, now.plusSeconds(1)));
        await().atMost(WAIT).untilAsserted(() -> asViewer().get("/pacing").then().statusCode(200)
                .body("installations.find { it.installation == '" + installation + "' }.mode", equalTo("AGGRESSIVE")));
        awaitRecord(incidents, "rate-limit-low/" + installation, r -> payload(r, Incident.class).status() == IncidentStatus.RESOLVED);
    }

    @Test
    void theInventoryFileIsImportedOnChangeAndAnInvalidFileIsRefusedWhole() throws Exception {
        String good = uniqueId("file");
        String other = uniqueId("file");
        Path file = Path.of("target/scheduler-test-inventory.yaml");
        Files.writeString(file, """
                entries:
                  - id: %s
                    kind: app-installation
                    tier: workflow
                    org: acme
                    consumer: release
                    repositories: [acme/api]
                    appPool:
                      - {appId: 101, installationId: 42}
                    owner: platform@acme.test
                    policyOverrides: {workflowsWrite: true}
                """.formatted(good));
        // Ready means the file's credentials can be asked for: no await between the two.
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'schedule' }.data.inventory-file", equalTo("imported " + file + ": 1 entries, 1 written")));
        asViewer().get("/inventory/" + good).then().statusCode(200).body("policyOverrides.workflowsWrite", equalTo(true));

        Files.writeString(file, """
                entries:
                  - id: %s
                    kind: classic-pat
                    tier: read
                    org: acme
                    consumer: release
                    owner: o
                  - id: %s
                    kind: app-installation
                    tier: workflow
                    org: acme
                    consumer: release
                    appPool: [{appId: 999, installationId: 1}]
                    owner: o
                """.formatted(other, good));
        await().atMost(WAIT).until(() -> fileWatch.lastOutcome().startsWith("refused"));
        assertThat(fileWatch.lastOutcome()).contains("entry '" + good + "' field 'appPool[0].appId'").contains("nothing applied");
        asViewer().get("/inventory/" + other).then().statusCode(404);
        // A refused file is the operator's to fix; the replica still schedules what the topic holds.
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'schedule' }.data.inventory-file", startsWith("refused"));

        Files.writeString(file, "entries:\n  - id: x\n    id: y\n");
        await().atMost(WAIT).until(() -> fileWatch.lastOutcome().contains("duplicate key"));
    }

    /** Puts a read-tier fine-grained PAT of {@code consumer} for each id and waits for its first scheduled rotation. */
    private void putScheduledPats(String consumer, ConsumerTask<String, byte[]> due, String... ids) {
        for (String id : ids) {
            InventoryEntry entry = new InventoryEntry(id, CredentialKind.FINE_GRAINED_PAT, "read", "acme", consumer, List.of("acme/app"),
                    List.of(), "owner@acme.test", PolicyOverrides.NONE);
            asOperator().contentType(ContentType.JSON).body(json(entry)).put("/inventory/" + id).then().statusCode(200);
            awaitRecord(due, id, r -> true);
        }
    }

    /** The gauge's Prometheus line (the exposition format may end the labels with a comma). */
    private static Matcher<String> overdueGauge(String tier, int value) {
        return matchesPattern(Pattern.compile("(?s).*\\ntokenwarden_rotations_overdue\\{tier=\"" + tier + "\",?} " + value + "\\.0\\n.*"));
    }

    private static RequestSpecification asViewer() {
        return given().header("X-Api-Key", VIEWER_KEY);
    }

    private static RequestSpecification asOperator() {
        return given().header("X-Api-Key", OPERATOR_KEY);
    }

    private String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static InventoryEntry pat(String id, String tier) {
        return new InventoryEntry(id, CredentialKind.CLASSIC_PAT, tier, "acme", "ci", List.of("acme/" + id), List.of(), "owner@acme.test",
                PolicyOverrides.NONE);
    }

    /** In the internal tier {@code fixer}, which no other test uses, so its overdue gauge counts this test's credential alone. */
    private static InventoryEntry installation(String id, long installationId) {
        return new InventoryEntry(id, CredentialKind.APP_INSTALLATION, "fixer", "acme", "deployer", List.of("acme/web"),
                List.of(new AppInstallation(101L, installationId)), "platform@acme.test", PolicyOverrides.NONE);
    }

    private static String json(Record payload) {
        return new String(EventJson.write(payload), StandardCharsets.UTF_8);
    }

    private void produce(String topic, EventType type, String key, Record payload) {
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(CloudEvents.record(topic, Service.TOKEN_BROKER, type, key, payload, clock.instant())).awaitCompletion();
    }

    private ConsumerTask<String, byte[]> consume(String topic) {
        return companion.consume(Serdes.String(), Serdes.ByteArray()).fromTopics(topic);
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(ConsumerTask<String, byte[]> task, String key,
                                                             Predicate<ConsumerRecord<String, byte[]>> matching) {
        return await().atMost(WAIT).until(() -> task.getRecords().stream()
                .filter(r -> key.equals(r.key()) && r.value() != null && matching.test(r)).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static <T> T payload(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return EventJson.read(record.value(), type);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }
}
