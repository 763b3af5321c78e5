package dev.tokenwarden.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker process that fault tests and the local stack rely on: restartable, killable, never orphaned. */
class KafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAndPortAcrossStopKillAndRestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.onFreePorts(dataDir, message -> { })) {
            broker.start();
            String address = broker.bootstrapServers();
            produce(address, "tokenwarden.sandbox.test", "before-stop");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            produce(address, "tokenwarden.sandbox.test", "after-restart");

            broker.kill();
            broker.start();
            assertThat(consumeAll(address, "tokenwarden.sandbox.test", 2))
                    .containsExactly("before-stop", "after-restart");
        }
    }

    @Test
    void brokerExitsWhenItsParentProcessDies() throws Exception {
        Path marker = dataDir.resolve("pid");
        Process parent = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                BrokerParent.class.getName(), dataDir.resolve("kafka").toString(), marker.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("parent.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(marker) && System.nanoTime() < deadline && parent.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(marker).as("the parent started a broker; see " + dataDir.resolve("parent.log")).exists();
        long brokerPid = Long.parseLong(Files.readString(marker).trim());
        ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();

        parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertThat(broker.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    /** Starts a broker, writes its pid, then waits to be killed. */
    public static final class BrokerParent {
        public static void main(String[] args) throws Exception {
            KafkaBroker broker = KafkaBroker.onFreePorts(Path.of(args[0]), System.out::println).start();
            Files.writeString(Path.of(args[1]), String.valueOf(broker.pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void produce(String address, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, address,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, 0, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String address, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, address);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "sandbox-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
