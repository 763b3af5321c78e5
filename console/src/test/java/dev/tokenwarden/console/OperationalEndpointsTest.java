package dev.tokenwarden.console;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.quarkus.OperationalEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {
    @Override
    protected String kafkaChannel() {
        return "incidents";
    }
}
