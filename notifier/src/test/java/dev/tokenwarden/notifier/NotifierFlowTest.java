package dev.tokenwarden.notifier;

import static dev.tokenwarden.notifier.ApiCallers.asAdmin;
import static dev.tokenwarden.notifier.ApiCallers.asOperator;
import static dev.tokenwarden.notifier.ApiCallers.asViewer;
import static dev.tokenwarden.notifier.TestRecords.awaitRecord;
import static dev.tokenwarden.notifier.TestRecords.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tokenwarden.events.DeliveryOutcome;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.notifier.domain.ShortHash;
import dev.tokenwarden.notifier.domain.WebhookSignature;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.platform.events.IncidentPublisher;
import dev.tokenwarden.sandbox.github.SimulatedIssue;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Incidents in through the real broker, notifications out to an HTTP sink and GreenMail, the log back on Kafka. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class NotifierFlowTest {
    static GreenMail smtp;
    static HttpSink sink;

    @Inject
    IncidentPublisher incidents;

    KafkaCompanion companion;

    @BeforeAll
    static void startServers() {
        sink = HttpSink.on(port("test.sink.port"));
        smtp = new GreenMail(new ServerSetup(port("test.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopServers() {
        smtp.stop();
    }

    @BeforeEach
    void connect() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        companion.close();
    }

    @Test
    void aSignedWebhookArrivesWithThePlantedTokenMaskedAndIsLoggedOnKafka() throws Exception {
        String token = "ghp_" + "a1B2".repeat(9);
        Incident incident = incident("webhook", "leaked " + token + " in a workflow log");
        publish(incident);

        HttpSink.Request request = awaitRequest("/webhook", incident.incidentKey());
        assertThat(request.body()).doesNotContain(token).contains("[redacted]").contains("\"status\":\"firing\"");
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        assertThat(id).startsWith("ntf-");
        String secret = ConfigProvider.getConfig().getValue("test.webhook.secret", String.class);
        assertThat(request.header("webhook-signature")).isEqualTo(
                new WebhookSignature(secret).sign(id, Long.parseLong(timestamp), request.body().getBytes(StandardCharsets.UTF_8)));

        ConsumerRecord<String, byte[]> logged = awaitRecord(companion, "tokenwarden.notifications", incident.incidentKey());
        assertThat(header(logged, CloudEventHeaders.TYPE)).isEqualTo(EventType.NOTIFICATION_DELIVERY.ceType());
        assertThat(new String(logged.value(), StandardCharsets.UTF_8)).contains("\"deliveryId\":\"" + id + "\"")
                .contains("\"outcome\":\"delivered\"").doesNotContain("127.0.0.1");
        asViewer().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                .then().statusCode(200).body("outcome", hasItem("delivered")).body("receiver", hasItem("webhook"));
        given().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aResolvedIncidentIsSentOnceAfterItsFiringMessage() {
        Incident incident = incident("webhook", "will resolve");
        publish(incident);
        awaitRequest("/webhook", incident.incidentKey());
        publish(resolved(incident));

        HttpSink.Request resolved = await().atMost(Duration.ofSeconds(30)).until(
                () -> sink.requestsContaining("/webhook", incident.incidentKey()).stream()
                        .filter(r -> r.body().contains("\"status\":\"resolved\"")).findFirst().orElse(null),
                r -> r != null);
        assertThat(resolved.header("webhook-id")).endsWith("-2");
        assertThat(sink.requestsContaining("/webhook", incident.incidentKey())).hasSize(2);
    }

    @Test
    void slackGetsBlockKitAndTeamsGetsAnAdaptiveCard() {
        Incident forSlack = incident("slack", "slack summary");
        Incident forTeams = incident("teams", "teams summary");
        publish(forSlack);
        publish(forTeams);

        assertThat(awaitRequest("/slack", forSlack.incidentKey()).body())
                .contains("\"blocks\":[{\"type\":\"header\"").contains("\"type\":\"mrkdwn\"");
        assertThat(awaitRequest("/teams", forTeams.incidentKey()).body())
                .contains("\"contentType\":\"application/vnd.microsoft.card.adaptive\"").contains("\"type\":\"AdaptiveCard\"");
    }

    @Test
    void a429IsRetriedAfterRetryAfterUnderTheSameDeliveryId() {
        sink.script("/flaky", new HttpSink.Answer(429, Map.of("Retry-After", "1")));
        Incident incident = incident("flaky", "rate limited");
        publish(incident);

        awaitOutcomes(incident, "flaky", DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        List<HttpSink.Request> attempts = sink.requestsContaining("/flaky", incident.incidentKey());
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).body()).isEqualTo(attempts.get(1).body());
        asViewer().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                .then().body("statusCode", hasItem(429));
    }

    @Test
    void aReceiverThatIsDownHandsOverToTheFallbackAndIsUsedAgainOnceBack() {
        sink.script("/down", new HttpSink.Answer(503, Map.of()), new HttpSink.Answer(503, Map.of()), new HttpSink.Answer(503, Map.of()));
        Incident first = incident("down", "receiver down");
        publish(first);
        awaitOutcomes(first, "down", DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING, DeliveryOutcome.FAILED);
        awaitFallbackDelivered(first);

        Incident whileOpen = incident("down", "circuit open");
        publish(whileOpen);
        awaitFallbackDelivered(whileOpen);
        asViewer().queryParam("incidentKey", whileOpen.incidentKey()).get("/deliveries")
                .then().body("detail", hasItem("circuit open"));

        // The circuit stays open long enough (10 s in the test profile) that the second incident meets it open
        // even on a loaded machine; once that time has passed, the receiver is tried again.
        Duration openFor = ConfigProvider.getConfig().getValue("tokenwarden.notifier.circuit.open-for", Duration.class);
        await().pollDelay(openFor.plusMillis(500)).atMost(openFor.plusSeconds(5)).until(() -> true);
        Incident afterRecovery = incident("down", "back up");
        publish(afterRecovery);
        awaitOutcomes(afterRecovery, "down", DeliveryOutcome.DELIVERED);
    }

    @Test
    void theMetadataAddressIsRefusedAndARedirectIsNotFollowed() {
        Incident metadata = incident("metadata", "ssrf");
        publish(metadata);
        awaitOutcomes(metadata, "metadata", DeliveryOutcome.FAILED);
        awaitFallbackDelivered(metadata);
        asViewer().queryParam("incidentKey", metadata.incidentKey()).get("/deliveries")
                .then().body("detail", hasItem(containsString("resolves to 169.254.169.254")));

        sink.script("/redirect", new HttpSink.Answer(302, Map.of("Location", "http://127.0.0.1:" + port("test.sink.port") + "/stolen")));
        Incident redirected = incident("redirect", "redirect");
        publish(redirected);
        awaitOutcomes(redirected, "redirect", DeliveryOutcome.FAILED);
        asViewer().queryParam("incidentKey", redirected.incidentKey()).get("/deliveries")
                .then().body("detail", hasItem("HTTP 302: redirect not followed"));
        assertThat(sink.requests("/stolen")).isEmpty();
    }

    @Test
    void aSilenceSuppressesUntilItIsExpiredAndBadSilencesAreRefused() {
        Incident incident = incident("webhook", "silenced");
        String credential = incident.labels().get("credential");
        Map<String, Object> silence = Map.of("matchers", List.of("credential=\"" + credential + "\""),
                "endsAt", "2099-01-01T00:00:00Z", "comment", "planned maintenance");
        given().contentType(ContentType.JSON).body(silence).post("/silences")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        asViewer().contentType(ContentType.JSON).body(silence).post("/silences")
                .then().statusCode(403).contentType("application/problem+json");
        String id = asOperator().contentType(ContentType.JSON).body(silence)
                .post("/silences").then().statusCode(201).body("state", equalTo("active"))
                .body("createdBy", equalTo(ApiCallers.OPERATOR)).extract().path("id");
        publish(incident);
        awaitOutcomes(incident, "webhook", DeliveryOutcome.SUPPRESSED);
        asViewer().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                .then().body("detail", hasItem("silenced by " + id));
        given().get("/silences").then().statusCode(401).contentType("application/problem+json");
        asViewer().get("/silences").then().statusCode(200).body("id", hasItem(id));

        asViewer().delete("/silences/" + id).then().statusCode(403).contentType("application/problem+json");
        asAdmin().delete("/silences/" + id).then().statusCode(200).body("state", equalTo("expired"));
        awaitOutcomes(incident, "webhook", DeliveryOutcome.SUPPRESSED, DeliveryOutcome.DELIVERED);

        asOperator().contentType(ContentType.JSON).body(Map.of("matchers", List.of("no operator here")))
                .post("/silences").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("is not of the form")).body("detail", containsString("endsAt: required"));
        asOperator().delete("/silences/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        assertThat(companion.consume(Serdes.String(), Serdes.ByteArray()).fromTopics("tokenwarden.operator.actions")
                .awaitRecords(2, Duration.ofSeconds(30)).getRecords())
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anySatisfy(body -> assertThat(body).contains("\"action\":\"silence.create\"").contains("\"target\":\"" + id + "\"")
                        .contains("\"principal\":\"" + ApiCallers.OPERATOR + "\"").contains("\"role\":\"operator\""))
                .anySatisfy(body -> assertThat(body).contains("\"action\":\"silence.expire\"")
                        .contains("\"principal\":\"" + ApiCallers.ADMIN + "\"").contains("\"role\":\"admin\""));
    }

    @Test
    void aFiringRotationFailureInhibitsExpiringForTheSameCredential() {
        String credential = "cred-" + UUID.randomUUID();
        Incident failed = incident("rotation-failed", credential, "webhook", "rotation failed");
        Incident expiring = incident("expiring", credential, "webhook", "expires soon");
        publish(failed);
        awaitRequest("/webhook", failed.incidentKey());
        publish(expiring);
        awaitOutcomes(expiring, "webhook", DeliveryOutcome.SUPPRESSED);
        asViewer().queryParam("incidentKey", expiring.incidentKey()).get("/deliveries")
                .then().body("detail", hasItem("inhibited by " + failed.incidentKey()));
    }

    @Test
    void dryRunExplainsWhereAnIncidentGoesAndRoutesShowsTheTree() {
        given().contentType(ContentType.JSON).body(Map.of("type", "expiring", "severity", "high"))
                .post("/routes/dry-run").then().statusCode(401).contentType("application/problem+json");
        asViewer().contentType(ContentType.JSON)
                .body(Map.of("type", "expiring", "severity", "high", "labels", Map.of("receiver", "teams", "credential", "c9")))
                .post("/routes/dry-run")
                .then().statusCode(200)
                .body("routes[0].routeId", equalTo("root.1"))
                .body("routes[0].receivers", equalTo(List.of("teams")))
                .body("steps", hasItem(containsString("root.0: skipped, receiver=\"slack\" does not hold for receiver=\"teams\"")));
        asViewer().contentType(ContentType.JSON).body(Map.of("type", "expiring", "severity", "dreadful"))
                .post("/routes/dry-run").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("severity must be one of info, low, medium, high, critical"));
        given().get("/routes").then().statusCode(401).contentType("application/problem+json");
        asViewer().get("/routes").then().statusCode(200).body("route.id", equalTo("root"))
                .body("route.routes.receivers.flatten()", hasItem("slack"))
                .body("inhibitRules[0].equal", equalTo(List.of("credential")));
    }

    @Test
    void aRecordThatFailsTheChecksGoesToTheDeadLetterTopic() {
        String key = "malformed-" + UUID.randomUUID();
        TestRecords.produce(companion, EventType.INCIDENT, Service.TOKEN_BROKER, key, "{oops".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = awaitRecord(companion, "tokenwarden.notifier.incidents.dlq", key);
        assertThat(header(dead, "dead-letter-reason")).startsWith("malformed-body:");
    }

    @Test
    void emailCarriesHtmlAndPlainTextWithTheTokenMasked() throws Exception {
        String token = "github_pat_" + "Zx9_".repeat(12);
        Incident incident = incident("email", "PAT " + token + " <script>");
        publish(incident);

        MimeMessage message = await().atMost(Duration.ofSeconds(30)).until(
                () -> Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> GreenMailUtil.getWholeMessage(m).contains(incident.incidentKey())).findFirst().orElse(null),
                m -> m != null);
        assertThat(message.getSubject()).startsWith("tokenwarden: 1 firing");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ops@tokenwarden.test");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("PAT github_pat_[redacted] <script>").doesNotContain(token);
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("PAT github_pat_[redacted] &lt;script&gt;").doesNotContain(token);
        assertThat(message.getHeader("Message-ID")[0]).startsWith("<ntf-");
    }

    @Test
    void aGitHubIssueIsOpenedPerIncidentClosedOnResolveAndReopenedWithACommentWhenItFiresAgain() {
        String token = "ghs_" + "Q7w".repeat(14);
        Incident incident = incident("github", "token " + token + " printed by a step");
        String label = "tokenwarden-" + ShortHash.of(incident.incidentKey());
        publish(incident);

        SimulatedIssue issue = await().atMost(Duration.ofSeconds(30)).until(() -> TestGitHub.repository().issues().stream()
                .filter(i -> i.labels().contains(label)).findFirst().orElse(null), i -> i != null);
        assertThat(issue.labels()).containsExactlyInAnyOrder("security", label);
        assertThat(issue.title()).isEqualTo("[tokenwarden] " + incident.title());
        assertThat(issue.body()).contains("token ghs_[redacted] printed by a step").doesNotContain(token);

        publish(resolved(incident));
        await().atMost(Duration.ofSeconds(30)).until(() -> issue.state().equals("closed"));
        assertThat(issue.comments()).singleElement().satisfies(c -> assertThat(c).startsWith("Resolved at"));

        Incident again = new Incident(incident.incidentKey(), IncidentStatus.FIRING, incident.type(), incident.severity(),
                incident.title(), incident.summary(), incident.labels(), incident.firstSeen(), incident.lastSeen().plusSeconds(5),
                incident.links());
        publish(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> issue.state().equals("open") && issue.comments().size() == 2);
        assertThat(issue.comments().get(1)).startsWith("Firing again.").doesNotContain(token);
        assertThat(TestGitHub.repository().issues().stream().filter(i -> i.labels().contains(label))).hasSize(1);
    }

    private void publish(Incident incident) {
        try {
            incidents.publish(incident).toCompletableFuture().get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + incident.incidentKey(), e);
        }
    }

    private HttpSink.Request awaitRequest(String path, String incidentKey) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> sink.requestsContaining(path, incidentKey).stream().findFirst().orElse(null), r -> r != null);
    }

    private void awaitOutcomes(Incident incident, String receiver, DeliveryOutcome... outcomes) {
        List<String> expected = Arrays.stream(outcomes).map(o -> o.name().toLowerCase(Locale.ROOT)).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath log = asViewer().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            String filter = "findAll { it.receiver == '" + receiver + "' }";
            assertThat(log.getList(filter + ".outcome", String.class)).as("details %s", log.getList(filter + ".detail"))
                    .containsExactlyElementsOf(expected);
        });
    }

    /** The fallback is an ordinary receiver: on a loaded machine it may need a retry of its own. */
    private void awaitFallbackDelivered(Incident incident) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                asViewer().queryParam("incidentKey", incident.incidentKey()).get("/deliveries")
                        .then().statusCode(200).extract().jsonPath().getList("findAll { it.receiver == 'fallback' }.outcome", String.class))
                .last().isEqualTo("delivered"));
    }

    private static Incident incident(String receiver, String summary) {
        return incident("expiring", "cred-" + UUID.randomUUID(), receiver, summary);
    }

    private static Incident incident(String type, String credential, String receiver, String summary) {
        Instant now = Instant.now();
        return new Incident(type + "/" + credential, IncidentStatus.FIRING, type, Severity.HIGH, type + " " + credential,
                summary, Map.of("credential", credential, "receiver", receiver, "tier", "deployment"), now, now, List.of());
    }

    private static Incident resolved(Incident incident) {
        return new Incident(incident.incidentKey(), IncidentStatus.RESOLVED, incident.type(), incident.severity(), incident.title(),
                incident.summary(), incident.labels(), incident.firstSeen(), incident.lastSeen().plusSeconds(1), incident.links());
    }

    private static int port(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }
}
