package dev.tokenwarden.auditor.api;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.HostileRequestsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HostileRequestsTest extends HostileRequestsContract {
    @Override
    protected String apiKey(String role) {
        return switch (role) {
            case "viewer" -> TestApiKeys.VIEWER;
            case "operator" -> TestApiKeys.OPERATOR;
            default -> TestApiKeys.ADMIN;
        };
    }

    /** Authenticated by its X-Hub-Signature-256 instead (GitHubWebhookTest). */
    @Override
    protected Set<String> operationsWithoutRole() {
        return Set.of("POST /webhooks/github");
    }
}
