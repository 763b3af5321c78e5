package dev.tokenwarden.console.infra;

import dev.tokenwarden.console.ConsoleConfig;
import dev.tokenwarden.console.domain.GroupLag;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jboss.logging.Logger;

/**
 * Each service's consumer-group lag, from the Kafka admin API: committed offsets against end offsets. Every call
 * has a timeout, and a figure is reused for a few seconds so that many open pages do not multiply admin calls.
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final Admin admin;
    private final ConsoleConfig.Lag config;
    private final Clock clock;
    private List<GroupLag> cached;
    private Instant cachedAt = Instant.MIN;

    public ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsoleConfig config, Clock clock) {
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        int timeoutMs = (int) config.lag().timeout().toMillis();
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = Admin.create(adminConfig);
        this.config = config.lag();
        this.clock = clock;
    }

    public synchronized List<GroupLag> groups() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(config.cacheFor()))) {
            cached = config.groups().stream().map(this::measure).toList();
            cachedAt = now;
        }
        return cached;
    }

    private GroupLag measure(String group) {
        int timeoutMs = (int) config.timeout().toMillis();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group),
                            new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs))
                    .describedGroups().get(group).get(timeoutMs, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
                            new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
                    .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions().timeoutMs(timeoutMs)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            Map<String, Long> lag = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && ends.containsKey(partition)) {
                    lag.merge(partition.topic(), Math.max(0, ends.get(partition).offset() - offset.offset()), Long::sum);
                }
            });
            return new GroupLag(group, description.groupState().toString().toLowerCase(java.util.Locale.ROOT),
                    description.members().size(), lag, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GroupLag.failed(group, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new GroupLag(group, "not started", 0, Map.of(), null);
            }
            LOG.debugf("lag of group %s unavailable: %s", group, e.getCause());
            return GroupLag.failed(group, "the broker refused: " + e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            return GroupLag.failed(group, "the broker did not answer within " + config.timeout().toSeconds() + " s");
        }
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
