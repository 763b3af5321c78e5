package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import dev.tokenwarden.platform.events.RecentEventIds;
import dev.tokenwarden.platform.events.RejectedEventException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * At start, before any group flushes: reads the notifier's {@code silences}, {@code incidents} and then its own
 * {@code notifications} from the beginning to the end offsets of that moment, so silences, groups, their timers
 * and what each receiver was already told are as they were before the restart. Records that fail the CloudEvents checks are skipped
 * here (the live consumer dead-letters them). A rebuild that cannot finish stops the start.
 */
@ApplicationScoped
public class StateRebuild {
    private static final Logger LOG = Logger.getLogger(StateRebuild.class);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final NotificationPipeline pipeline;
    private final RecentEventIds seen;
    private final Config config;

    public StateRebuild(NotificationPipeline pipeline, RecentEventIds seen, Config config) {
        this.pipeline = pipeline;
        this.seen = seen;
        this.config = config;
    }

    /** What a rebuild feeds: silences first, then incidents at the time they were recorded, then delivery records. */
    public interface Target {
        void replay(Silence silence);

        /** A silence's tombstone: it was dropped after its retention. */
        void removeSilence(String id);

        void replay(Incident incident, Instant recordedAt);

        void replay(DeliveryRecord record);
    }

    void onStart(@Observes StartupEvent start) {
        replayInto(pipeline);
        pipeline.rebuilt();
    }

    /** Reads the three topics from the beginning to their current end into {@code target}. */
    public void replayInto(Target target) {
        CloudEventReader silences = CloudEventReader.accepting(EventType.SILENCE);
        long silenceCount = readAll(Topics.SILENCES, record -> SilenceLog.replay(silences.read(record), target));
        CloudEventReader incidents = CloudEventReader.accepting(EventType.INCIDENT);
        CloudEventReader deliveries = CloudEventReader.accepting(EventType.NOTIFICATION_DELIVERY);
        long incidentCount = readAll(Topics.INCIDENTS, record -> {
            InboundEvent event = incidents.read(record);
            seen.remember(event.id());
            target.replay(event.payload(Incident.class), Instant.ofEpochMilli(record.timestamp()));
        });
        long deliveryCount = readAll(Topics.NOTIFICATIONS, record ->
                target.replay(deliveries.read(record).payload(DeliveryRecord.class)));
        LOG.infof("state rebuilt from %d silence records, %d incidents and %d delivery records", silenceCount, incidentCount,
                deliveryCount);
    }

    private long readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> handler) {
        Properties properties = new Properties();
        // The same connection settings (bootstrap servers, SASL, TLS) the channels get from kafka.*.
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(name.substring("kafka.".length()), v));
            }
        }
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifier-rebuild-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        Instant deadline = Instant.now().plus(DEADLINE);
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        handler.accept(record);
                        count++;
                    } catch (RejectedEventException e) {
                        LOG.debugf("skipped %s-%d@%d during rebuild: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        }
        return count;
    }
}
