package dev.tokenwarden.auditor.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.kafka.SharedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.Test;

/**
 * Auditor instances count one another through a consumer group on the real sandbox broker: a second instance
 * halves each one's part of GitHub's limits, and its stop gives the first the whole again.
 */
class AuditorReplicasTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void eachInstanceKeepsToItsPartAndTakesTheWholeWhenAlone() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.AUDIT_SCANS, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TopicExistsException.class);
        }
        Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        String group = "workflow-auditor-replicas-" + UUID.randomUUID();
        List<Integer> firstShares = new CopyOnWriteArrayList<>();
        List<Integer> secondShares = new CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(500);

        AuditorReplicas first = new AuditorReplicas(kafka, group, interval, List.of(firstShares::add), new SimpleMeterRegistry());
        try {
            AuditorReplicas second = new AuditorReplicas(kafka, group, interval, List.of(secondShares::add), new SimpleMeterRegistry());
            try {
                await().atMost(WAIT).until(() -> first.count() == 2 && second.count() == 2);
                assertThat(firstShares).as("the first instance was told it shares with one other").contains(2);
                assertThat(secondShares).contains(2);
            } finally {
                second.close();
            }
            await().atMost(WAIT).until(() -> first.count() == 1);
            assertThat(firstShares.getLast()).as("alone again: the whole budget").isEqualTo(1);
        } finally {
            first.close();
        }
    }
}
