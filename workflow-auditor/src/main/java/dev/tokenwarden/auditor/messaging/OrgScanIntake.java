package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.OrgScanProgress;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every instance's org scan progress back from the compacted {@code audit.org-scans} (a new group id per start,
 * from the earliest offset), so any instance answers {@code GET /org-scans} and a restarted one finds the scans left
 * unfinished. {@link #caughtUp()} says whether the records written before this start have all been read: until then a
 * scan that looks abandoned may have a later record not read yet.
 */
@ApplicationScoped
public class OrgScanIntake {
    private static final Logger LOG = Logger.getLogger(OrgScanIntake.class);
    static final String CHANNEL = "audit-org-scans";

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.AUDIT_ORG_SCAN);
    private final OrgScans scans;
    private final Map<String, Object> kafkaConfig;
    private final Map<TopicPartition, Long> read = new ConcurrentHashMap<>();
    private volatile Map<TopicPartition, Long> endsAtStart;

    public OrgScanIntake(OrgScans scans, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.scans = scans;
        this.kafkaConfig = kafkaConfig;
    }

    @Incoming(CHANNEL)
    public void restore(ConsumerRecord<String, byte[]> record) {
        try {
            InboundEvent event = reader.read(record);
            if (!event.isTombstone()) {
                scans.restore(OrgScanRecords.fromEvent(event.payload(OrgScanProgress.class)));
            }
        } finally {
            // A record sent to the dead-letter topic is read too, or the catch-up would never end.
            read.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
    }

    public boolean caughtUp() {
        if (endsAtStart == null) {
            try {
                endsAtStart = endOffsets();
            } catch (KafkaException e) {
                LOG.warnf("end offsets of %s not read, asking again later: %s", Topics.AUDIT_ORG_SCANS, e.getClass().getSimpleName());
                return false;
            }
        }
        return endsAtStart.entrySet().stream().allMatch(end -> read.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    private Map<TopicPartition, Long> endOffsets() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_ORG_SCANS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return Map.copyOf(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        }
    }
}
