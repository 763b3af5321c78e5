package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.orgscan.RequestPacing;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.platform.github.GitHubClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * How many auditor instances are running, so that each keeps to its part of GitHub's per-credential limits: the
 * instances call GitHub with the same credentials and GitHub counts their calls together. Each instance is a member
 * of one consumer group ({@value #GROUP}) on {@code audit.scans}, whose partitions it pauses at once (it reads
 * nothing; the membership is the point), and counts the group's members through the admin API every
 * {@code replica-count-interval}. An instance that stops leaves the group at once; one that dies is counted until
 * Kafka's session timeout (45 s), during which the others keep to a smaller part, which is safe. An instance that
 * joins is missed for up to one interval, within the 5 % the platform's secondary-limit budget keeps below GitHub's.
 * When Kafka does not answer, the last count stays.
 */
@ApplicationScoped
@Startup
public class AuditorReplicas {
    static final String GROUP = "workflow-auditor-replicas";
    private static final Logger LOG = Logger.getLogger(AuditorReplicas.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(2);

    private final String group;
    private final Map<String, Object> memberConfig;
    private final Map<String, Object> adminConfig = new HashMap<>();
    private final Duration interval;
    private final List<IntConsumer> sharers;
    private final Thread loop;
    private volatile KafkaConsumer<byte[], byte[]> member;
    private volatile int count = 1;
    private volatile boolean stopping;

    public AuditorReplicas(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, AuditorConfig config,
                           GitHubClient github, RequestPacing orgScans, MeterRegistry metrics) {
        this(kafkaConfig, GROUP, config.replicaCountInterval(), List.of(github::shareSecondaryLimitWith, orgScans::shareWith), metrics);
    }

    /** {@code sharers} are told each new count. The Kafka clients are made on the counting thread, not at start-up. */
    AuditorReplicas(Map<String, Object> kafkaConfig, String group, Duration interval, List<IntConsumer> sharers, MeterRegistry metrics) {
        this.group = group;
        this.interval = interval;
        this.sharers = List.copyOf(sharers);
        this.memberConfig = new HashMap<>(kafkaConfig);
        memberConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        memberConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        memberConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        memberConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        memberConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        Gauge.builder("tokenwarden.auditor.replicas", this, AuditorReplicas::count)
                .description("auditor instances counted, among which GitHub's per-credential limits are shared").register(metrics);
        this.loop = Thread.ofPlatform().name("auditor-replicas").daemon().start(this::run);
    }

    public int count() {
        return count;
    }

    private void run() {
        Admin admin = null;
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            admin = Admin.create(adminConfig);
            consumer = new KafkaConsumer<>(memberConfig);
            member = consumer;
            KafkaConsumer<byte[], byte[]> joined = consumer;
            consumer.subscribe(List.of(Topics.AUDIT_SCANS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    joined.pause(partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Nothing read, nothing to commit.
                }
            });
            long nextCount = System.nanoTime();
            while (!stopping) {
                consumer.poll(POLL);
                if (System.nanoTime() - nextCount >= 0) {
                    recount(admin);
                    nextCount = System.nanoTime() + interval.toNanos();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf("the auditor's replica count stopped (%s); each instance keeps the last count, %d", e, count);
        } finally {
            if (consumer != null) {
                consumer.close(CLOSE_WITHIN);
            }
            if (admin != null) {
                admin.close(CLOSE_WITHIN);
            }
        }
    }

    private void recount(Admin admin) {
        long timeoutMs = Math.max(1000, interval.toMillis());
        try {
            int members = admin.describeConsumerGroups(List.of(group), new DescribeConsumerGroupsOptions().timeoutMs((int) timeoutMs))
                    .describedGroups().get(group).get(timeoutMs, TimeUnit.MILLISECONDS).members().size();
            // Zero until this member's join has completed: it is running, so at least itself.
            int counted = Math.max(1, members);
            if (counted != count) {
                LOG.infof("auditor instances: %d (was %d); each keeps to 1/%d of GitHub's per-credential limits", counted, count, counted);
                count = counted;
                sharers.forEach(sharer -> sharer.accept(counted));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("auditor replica count unavailable, keeping %d: %s", count, e);
        }
    }

    @PreDestroy
    void close() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> consumer = member;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
