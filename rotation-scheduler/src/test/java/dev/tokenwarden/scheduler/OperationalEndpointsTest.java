package dev.tokenwarden.scheduler;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.HostileRequestsContract;
import dev.tokenwarden.sandbox.quarkus.OperationalEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract implements HostileRequestsContract {
    @Override
    protected String kafkaChannel() {
        return "incidents-out";
    }

    @Override
    public String apiKey(String role) {
        return "scheduler-test-" + role + "-key";
    }
}
