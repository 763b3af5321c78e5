package dev.tokenwarden.localstack;

import dev.tokenwarden.events.EventType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of the event catalogue before the services start, the compacted ones with
 * {@code cleanup.policy=compact}, as compose and Strimzi do; a broker's auto-created topic would not be compacted.
 */
public final class Topics {
    private static final int PARTITIONS = 3;

    private Topics() {
    }

    public static void createAll(String bootstrapServers) throws InterruptedException {
        Map<String, Boolean> compactedByTopic = new LinkedHashMap<>();
        Arrays.stream(EventType.values()).forEach(type -> compactedByTopic.merge(type.topic(), type.compacted(), Boolean::logicalOr));
        List<NewTopic> topics = compactedByTopic.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), PARTITIONS, (short) 1).configs(topic.getValue()
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of()))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("creating topic " + created.getKey() + " took over 30 s", e);
                }
            }
        }
    }
}
