package dev.tokenwarden.platform.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.platform.events.IncidentProbe;
import dev.tokenwarden.platform.events.IncidentPublisher;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class DeadLetterReplayTest {
    private static final String DLQ = "tokenwarden.platform-test.incidents.dlq";
    private static final String ADMIN_KEY = "admin-key-for-platform-tests";
    private static final String VIEWER_KEY = "viewer-key-for-platform-tests";

    @Inject
    IncidentPublisher incidents;

    @Inject
    IncidentProbe probe;

    @Test
    void listsOnlyThisServicesDeadLetterTopics() {
        given().header("X-Api-Key", VIEWER_KEY).get("/admin/dead-letters")
                .then().statusCode(200).body("topics", hasItem(DLQ));
        given().header("X-Api-Key", ADMIN_KEY).post("/admin/dead-letters/tokenwarden.incidents/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aViewerMayNotReplay() {
        given().header("X-Api-Key", VIEWER_KEY).post("/admin/dead-letters/" + DLQ + "/replay")
                .then().statusCode(403);
    }

    @Test
    void replaysADeadLetterOnceAfterTheCauseIsGone() throws Exception {
        String key = IncidentProbe.FLAKY_PREFIX + UUID.randomUUID();
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        incidents.publish(new Incident(key, IncidentStatus.FIRING, "rotation-failed", Severity.HIGH, "Rotation failed",
                "first delivery fails", Map.of(), now, now, List.of())).toCompletableFuture().get();

        // The record reaches the dead-letter topic asynchronously: replay until it has come back.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            replay();
            return probe.received().stream().anyMatch(r -> key.equals(r.event().key()));
        });

        replay();
        Thread.sleep(1000);
        assertThat(probe.received().stream().filter(r -> key.equals(r.event().key())))
                .as("a dead letter is replayed once").hasSize(1);
    }

    private static void replay() {
        given().header("X-Api-Key", ADMIN_KEY).post("/admin/dead-letters/" + DLQ + "/replay")
                .then().statusCode(200).body("deadLetterTopic", equalTo(DLQ));
    }
}
