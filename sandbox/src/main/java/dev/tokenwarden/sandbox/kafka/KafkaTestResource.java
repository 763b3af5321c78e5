package dev.tokenwarden.sandbox.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The one Kafka test resource every {@code @QuarkusTest} shares; using the same resource everywhere
 * keeps Quarkus from restarting between test classes. The broker outlives each test class and stops
 * with the JVM.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker is shared by the whole JVM; SharedKafka stops it at exit.
    }
}
