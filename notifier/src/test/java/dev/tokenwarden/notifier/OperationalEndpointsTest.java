package dev.tokenwarden.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.HostileRequestsContract;
import dev.tokenwarden.sandbox.quarkus.OperationalEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract implements HostileRequestsContract {
    @Override
    protected String kafkaChannel() {
        return "incidents-out";
    }

    /** The keys ApiCallers sends, configured by their SHA-256 in the test application.properties. */
    @Override
    public String apiKey(String role) {
        return "test-" + role + "-key";
    }

    /** The re-sends of the documented window (acknowledged, not yet logged) are visible to monitoring. */
    @Test
    void resendsAndPendingAttemptsAreExported() {
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tokenwarden_notifier_resends_total"))
                .body(containsString("tokenwarden_notifier_pending_attempts"));
    }
}
