package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.api.TestApiKeys;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.HostileRequestsContract;
import dev.tokenwarden.sandbox.quarkus.OperationalEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract implements HostileRequestsContract {
    @Override
    protected String kafkaChannel() {
        return "incidents-out";
    }

    @Override
    public String apiKey(String role) {
        return switch (role) {
            case "viewer" -> TestApiKeys.VIEWER;
            case "operator" -> TestApiKeys.OPERATOR;
            default -> TestApiKeys.ADMIN;
        };
    }

    /** Authenticated by its X-Hub-Signature-256 instead (GitHubWebhookTest). */
    @Override
    public Set<String> operationsWithoutRole() {
        return Set.of("POST /webhooks/github");
    }
}
