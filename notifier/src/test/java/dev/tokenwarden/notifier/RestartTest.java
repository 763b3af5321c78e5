package dev.tokenwarden.notifier;

import static dev.tokenwarden.notifier.ApiCallers.asAdmin;
import static dev.tokenwarden.notifier.ApiCallers.asOperator;
import static dev.tokenwarden.notifier.ApiCallers.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.notifier.domain.Deliverer;
import dev.tokenwarden.notifier.domain.Dispatcher;
import dev.tokenwarden.notifier.domain.Notification;
import dev.tokenwarden.notifier.domain.RetryPolicy;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.notifier.domain.Silences;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.notifier.messaging.StateRebuild;
import dev.tokenwarden.platform.events.IncidentPublisher;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A restart, short of stopping Quarkus: a fresh dispatcher and deliverer rebuilt by {@link StateRebuild} from the
 * real topics the running notifier wrote, then asked what is due.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestartTest {
    @Inject
    IncidentPublisher incidents;

    @Inject
    StateRebuild rebuild;

    @Inject
    NotificationPipeline pipeline;

    @Test
    void afterARestartALoggedMessageIsNotSentAgainAndAnUnloggedOneKeepsItsDeliveryId() throws Exception {
        HttpSink sink = HttpSink.on(ConfigProvider.getConfig().getValue("test.sink.port", Integer.class));
        Instant now = Instant.now();
        String credential = "cred-" + UUID.randomUUID();
        Incident incident = expiring(credential, now);
        incidents.publish(incident).toCompletableFuture().get();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("incidentKey", incident.incidentKey())
                .get("/deliveries").then().body("outcome", hasItem("delivered")));
        String sentId = sink.requestsContaining("/webhook", incident.incidentKey()).get(0).header("webhook-id");

        Dispatcher restarted = rebuilt(record -> true);
        assertThat(dueFor(restarted, incident)).as("delivered and logged before the restart").isEmpty();

        Dispatcher crashedBeforeLogging = rebuilt(record -> !record.incidentKey().equals(incident.incidentKey()));
        assertThat(dueFor(crashedBeforeLogging, incident)).singleElement()
                .satisfies(n -> assertThat(n.deliveryId()).isEqualTo(sentId));
    }

    @Test
    void aSilenceOutlivesARestartAndAnExpiredOneMutesNothingAfterIt() {
        Instant now = Instant.now();
        Incident silenced = expiring("cred-" + UUID.randomUUID(), now);
        Incident expiredSilence = expiring("cred-" + UUID.randomUUID(), now);
        String kept = createSilence(silenced);
        String expired = createSilence(expiredSilence);
        asAdmin().delete("/silences/" + expired).then().statusCode(200);

        Dispatcher restarted = rebuilt(record -> true);

        assertThat(restarted.muteReason(silenced, Instant.now())).contains("silenced by " + kept);
        assertThat(restarted.muteReason(expiredSilence, Instant.now())).isEmpty();
    }

    private static Incident expiring(String credential, Instant now) {
        return new Incident("expiring/" + credential, IncidentStatus.FIRING, "expiring", Severity.MEDIUM, "expiring " + credential,
                "restart", Map.of("credential", credential), now, now, List.of());
    }

    private static String createSilence(Incident incident) {
        Map<String, Object> silence = Map.of("matchers", List.of("credential=\"" + incident.labels().get("credential") + "\""),
                "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(), "comment", "survives a restart");
        return asOperator().contentType(ContentType.JSON).body(silence).post("/silences").then().statusCode(201)
                .extract().path("id");
    }

    /** A dispatcher as a restarted notifier would have it, from every silence, every incident and the delivery records kept. */
    private Dispatcher rebuilt(Predicate<DeliveryRecord> logged) {
        Silences silences = new Silences();
        Dispatcher dispatcher = new Dispatcher(pipeline.routing(), silences);
        Deliverer deliverer = new Deliverer(List.of(), Optional.empty(),
                new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 0.5),
                1, Duration.ofSeconds(1), 1, 1, Runnable::run, Clock.systemUTC(), record -> CompletableFuture.completedFuture(null), dispatcher);
        rebuild.replayInto(new StateRebuild.Target() {
            @Override
            public void replay(Silence silence) {
                silences.apply(silence);
            }

            @Override
            public void removeSilence(String id) {
                silences.remove(id);
            }

            @Override
            public void replay(Incident incident, Instant recordedAt) {
                dispatcher.accept(incident, recordedAt);
            }

            @Override
            public void replay(DeliveryRecord record) {
                if (logged.test(record)) {
                    deliverer.restore(record);
                }
            }
        });
        return dispatcher;
    }

    private static List<Notification> dueFor(Dispatcher dispatcher, Incident incident) {
        return dispatcher.due(Instant.now().plusSeconds(5)).notifications().stream()
                .filter(n -> n.firing().stream().anyMatch(i -> i.incidentKey().equals(incident.incidentKey())))
                .toList();
    }
}
