package dev.tokenwarden.sandbox.kafka;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one Kafka broker of a test JVM, started on first use and shared by every test class.
 *
 * <p>Where it comes from, in order: {@code KAFKA_BOOTSTRAP_SERVERS} in the environment (an existing
 * broker); {@code -Dtokenwarden.kafka=testcontainers} where Docker runs; otherwise a {@link KafkaBroker}
 * process of our own.
 */
public final class SharedKafka {
    private static final Logger LOG = Logger.getLogger(SharedKafka.class.getName());
    private static String bootstrapServers;
    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                    .filter(s -> !s.isBlank())
                    .orElseGet(SharedKafka::startOwnBroker);
        }
        return bootstrapServers;
    }

    /** The broker process this JVM started, for fault tests that stop, kill and restart it. */
    public static synchronized Optional<KafkaBroker> ownBroker() {
        bootstrapServers();
        return Optional.ofNullable(broker);
    }

    private static String startOwnBroker() {
        if ("testcontainers".equals(System.getProperty("tokenwarden.kafka"))) {
            return TestcontainersKafka.start();
        }
        broker = KafkaBroker.onFreePorts(KafkaBroker.temporaryDataDir(), LOG::info).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-stop"));
        return broker.bootstrapServers();
    }
}
