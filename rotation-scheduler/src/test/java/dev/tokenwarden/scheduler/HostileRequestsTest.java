package dev.tokenwarden.scheduler;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.HostileRequestsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HostileRequestsTest extends HostileRequestsContract {
    @Override
    protected String apiKey(String role) {
        return "scheduler-test-" + role + "-key";
    }
}
