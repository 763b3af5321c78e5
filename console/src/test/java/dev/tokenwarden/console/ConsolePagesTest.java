package dev.tokenwarden.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.platform.security.ApiKeyAuthenticationMechanism;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages, rendered from a read model the console built from records on the real broker. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ConsolePagesTest {
    static final String VIEWER_KEY = "console-viewer-key";

    @BeforeAll
    static void publishTheWorld() {
        World.publishOnce();
    }

    static RequestSpecification viewer() {
        return given().header(ApiKeyAuthenticationMechanism.HEADER, VIEWER_KEY).redirects().follow(false);
    }

    static String page(String path) {
        return viewer().get(path).then().statusCode(200).contentType(containsString("text/html")).extract().asString();
    }

    @Test
    void theOverviewCountsCredentialsAndListsWhatNeedsAttention() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/"))
                .contains("id=\"total-credentials\">3<", "id=\"failing-count\">1<", "id=\"expiring-count\">1<")
                .contains("href=\"/credentials/" + World.FAILING + "\"", "href=\"/credentials/" + World.EXPIRING + "\"")
                .contains("Rotation of " + World.FAILING + " failed")
                .contains("href=\"/findings?repository=acme/payments\""));
        assertThat(page("/")).contains("<script src=\"/htmx/htmx.min.js\"", "hx-trigger=\"every 500ms\"");
    }

    @Test
    void aLiveRequestGetsOnlyThePagesLivePart() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(viewer().header("HX-Request", "true").get("/")
                .then().statusCode(200).extract().asString()).contains("id=\"total-credentials\"").doesNotContain("<html", "<nav>"));
    }

    @Test
    void aCredentialsPageShowsItsTimelineLedgerAndVaultVersionButNoValue() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/credentials/" + World.HEALTHY))
                .contains("id=\"vault-version\">7<", "rotated", "Vault version 7, rotation rot-1")
                .contains(World.OLD_HASH.substring(0, 12) + "…", "revoked", World.NEW_HASH.substring(0, 12) + "…", "current"));
        assertThat(page("/credentials/" + World.FAILING)).contains("rotation failed", "GitHub refused the uploaded value (401)");
        viewer().get("/credentials/no-such-credential").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theCredentialListFiltersByTextTierAndState() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/credentials?health=failing"))
                .contains("/credentials/" + World.FAILING + "\"").doesNotContain("/credentials/" + World.HEALTHY + "\""));
        assertThat(page("/credentials?tier=read")).contains("/credentials/" + World.EXPIRING + "\"")
                .doesNotContain("/credentials/" + World.FAILING + "\"");
        assertThat(page("/credentials?q=DEPLOY")).contains("/credentials/" + World.HEALTHY + "\"");
        viewer().get("/credentials?health=sleepy").then().statusCode(400).contentType("application/problem+json")
                .body(containsString("health must be one of"));
    }

    @Test
    void findingsFilterByRepositoryRuleAndSeverityWithChartsAndRuleDocs() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/findings"))
                .contains("id=\"finding-total\">(3 findings)", "template-injection", "acme/docs")
                .contains("href=\"https://github.com/tokenwarden/tokenwarden/blob/main/docs/rules.md#template-injection\"")
                .contains("<svg class=\"chart\" id=\"severity-chart\""));
        assertThat(page("/findings?rule=unpinned-action")).contains("(2 findings)");
        assertThat(page("/findings?repository=docs&severity=low")).contains("(1 findings)", "acme/docs");
        assertThat(page("/findings?severity=high")).contains("(1 findings)");
    }

    @Test
    void incidentsDeliveriesAndOperatorActionsAreListed() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/incidents"))
                .contains("Rotation of " + World.FAILING + " failed", "ops-email", "delivered"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/actions?q=upload"))
                .contains("olga", "upload-pat", "refused: GitHub answered 401"));
        assertThat(page("/actions?q=nobody-did-this")).contains("No operator actions yet.");
    }

    @Test
    void theLagPageShowsEachGroupsLagFromTheBroker() {
        String topic = "tokenwarden.console-test.lag";
        try (TestEvents events = new TestEvents()) {
            events.companion().topics().createAndWait(topic, 1);
            events.companion().produceStrings().fromRecords(java.util.stream.IntStream.range(0, 5)
                    .mapToObj(i -> new org.apache.kafka.clients.producer.ProducerRecord<String, String>(topic, "k", "v" + i)).toList())
                    .awaitCompletion();
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "console-test-lagging");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)));
        }
        assertThat(page("/lag")).contains("console-test-lagging", topic, ">3</td>", "console-test-absent", "no committed offsets");
    }

    @Test
    void withoutAKeyABrowserIsSentToTheLoginFormAndAWrongKeyIsRefused() {
        given().redirects().follow(false).get("/findings").then().statusCode(303)
                .header("Location", containsString("/login?next=%2Ffindings"));
        given().redirects().follow(false).header(ApiKeyAuthenticationMechanism.HEADER, "not-a-key").get("/").then().statusCode(303);
        given().get("/login").then().statusCode(200).body(containsString("name=\"key\""));
        given().redirects().follow(false).formParam("key", "not-a-key").post("/login").then().statusCode(401)
                .body(containsString("not one of the configured keys")).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        String cookie = given().redirects().follow(false).formParam("key", VIEWER_KEY).formParam("next", "//evil.example/")
                .post("/login").then().statusCode(303).header("Location", not(containsString("evil")))
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"))
                .extract().cookie("tokenwarden-console-key");
        given().redirects().follow(false).cookie("tokenwarden-console-key", cookie).get("/").then().statusCode(200);
    }

    @Test
    void aRecordThatFailsTheCloudEventsChecksGoesToTheConsolesDeadLetterTopic() {
        String key = "malformed-" + System.nanoTime();
        try (TestEvents events = new TestEvents()) {
            events.send(EventType.INCIDENT, Service.NOTIFIER, key, "{not json".getBytes(StandardCharsets.UTF_8));
            String deadLetters = "tokenwarden.console." + Topics.INCIDENTS.substring(Topics.PREFIX.length()) + ".dlq";
            var task = events.companion().consume(org.apache.kafka.common.serialization.Serdes.String(),
                    org.apache.kafka.common.serialization.Serdes.ByteArray()).fromTopics(deadLetters);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream().anyMatch(r -> key.equals(r.key())));
            } finally {
                task.close();
            }
        }
        // The model kept going: a good incident after the bad one still shows.
        try (TestEvents events = new TestEvents()) {
            World.incident(events, "after-" + key, "test", Severity.LOW, "after the malformed one", Map.of(), Service.NOTIFIER);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(page("/incidents")).contains("after the malformed one"));
    }
}
