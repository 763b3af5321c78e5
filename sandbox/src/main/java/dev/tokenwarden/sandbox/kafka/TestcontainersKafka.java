package dev.tokenwarden.sandbox.kafka;

import org.testcontainers.kafka.KafkaContainer;

/** A Kafka container, for machines with Docker that want the official image instead of our process. */
final class TestcontainersKafka {
    private static final String IMAGE = "apache/kafka:4.1.1";

    private TestcontainersKafka() {
    }

    static String start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
        return container.getBootstrapServers();
    }
}
