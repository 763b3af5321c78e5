package dev.tokenwarden.localstack;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code local-stack --incidents}: prints every incident a running local stack's services have raised, oldest
 * first, read from its broker, then exits once the topic has been quiet for a moment.
 */
final class Incidents {
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration CONNECT = Duration.ofSeconds(20);

    private Incidents() {
    }

    static void print(String bootstrapServers, PrintStream out) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-incidents-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        int printed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(EventType.INCIDENT.topic()));
            long giveUp = System.nanoTime() + CONNECT.toNanos();
            while (true) {
                var records = consumer.poll(QUIET);
                boolean assigned = !consumer.assignment().isEmpty();
                if (!assigned && System.nanoTime() > giveUp) {
                    throw new IllegalStateException("no broker answered at " + bootstrapServers + " within "
                            + CONNECT.toSeconds() + " s: is the local stack running (./local-stack/run)?");
                }
                if (records.isEmpty() && assigned) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    out.println(describe(record.value()));
                    printed++;
                }
            }
        }
        out.println(printed == 0 ? "no incident yet" : printed + " incident event(s)");
    }

    private static String describe(byte[] value) {
        try {
            Incident incident = EventJson.read(value, Incident.class);
            return String.format("%s %-8s %-8s %s%n    %s%n    key: %s", incident.lastSeen(), incident.status(),
                    incident.severity(), incident.title(), incident.summary(), incident.incidentKey());
        } catch (EventJson.MalformedPayloadException e) {
            return "(unreadable incident: " + e.getMessage() + ")";
        }
    }
}
