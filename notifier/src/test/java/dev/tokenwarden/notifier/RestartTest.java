package dev.tokenwarden.notifier;

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
import dev.tokenwarden.notifier.domain.Silences;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.notifier.messaging.StateRebuild;
import dev.tokenwarden.platform.events.IncidentPublisher;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
        Incident incident = new Incident("expiring/" + credential, IncidentStatus.FIRING, "expiring", Severity.MEDIUM,
                "expiring " + credential, "restart", Map.of("credential", credential), now, now, List.of());
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

    /** A dispatcher as a restarted notifier would have it, from every incident and the delivery records kept. */
    private Dispatcher rebuilt(Predicate<DeliveryRecord> logged) {
        Dispatcher dispatcher = new Dispatcher(pipeline.routing(), new Silences());
        Deliverer deliverer = new Deliverer(List.of(), Optional.empty(),
                new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 0.5),
                1, Duration.ofSeconds(1), Clock.systemUTC(), record -> { }, dispatcher);
        rebuild.replayInto(new StateRebuild.Target() {
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
