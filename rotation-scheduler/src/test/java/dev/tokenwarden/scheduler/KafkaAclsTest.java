package dev.tokenwarden.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import dev.tokenwarden.sandbox.kafka.SaslKafkaTestResource;
import dev.tokenwarden.sandbox.kafka.ServiceAcls;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The scheduler against a broker that enforces the catalogue's ACLs (SASL/PLAIN, StandardAuthorizer): only the
 * scheduler's user may publish {@code rotation.due}, and a record it publishes while claiming another service's
 * {@code ce_source} is still dead-lettered by the consumer, with the reason.
 */
@QuarkusTest
@TestProfile(KafkaAclsTest.SaslBroker.class)
class KafkaAclsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The SASL broker alone: the shared open broker every other test class declares would otherwise join in. */
    public static class SaslBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SaslKafkaTestResource.class, Map.of("service", Service.ROTATION_SCHEDULER.id())));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void withoutTheSchedulersCredentialsNobodyPublishesRotationDue() {
        KafkaBroker broker = SaslKafkaTestResource.broker();
        for (Service other : Service.values()) {
            if (other != Service.ROTATION_SCHEDULER) {
                assertThatThrownBy(() -> publish(broker.clientConfig(ServiceAcls.user(other)), rotationDue(Service.ROTATION_SCHEDULER.source())))
                        .as("%s publishing rotation.due", other.id())
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        Map<String, Object> wrongPassword = broker.clientConfig(ServiceAcls.user(Service.ROTATION_SCHEDULER));
        wrongPassword.put(SaslConfigs.SASL_JAAS_CONFIG, String.valueOf(wrongPassword.get(SaslConfigs.SASL_JAAS_CONFIG))
                .replaceFirst("password=\"[^\"]*\"", "password=\"guessed\""));
        assertThatThrownBy(() -> publish(wrongPassword, rotationDue(Service.ROTATION_SCHEDULER.source())))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThatThrownBy(() -> publish(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                rotationDue(Service.ROTATION_SCHEDULER.source())))
                .as("a client without any login").isInstanceOf(Exception.class);
    }

    @Test
    void aRotationDueClaimingAnotherSourceIsDeadLetteredWithTheReason() throws Exception {
        KafkaBroker broker = SaslKafkaTestResource.broker();
        ProducerRecord<String, byte[]> forged = rotationDue(Service.NOTIFIER.source());
        publish(broker.clientConfig(ServiceAcls.user(Service.ROTATION_SCHEDULER)), forged);

        Map<String, Object> config = broker.clientConfig(KafkaBroker.SUPER_USER);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "acl-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        String deadLetters = Topics.deadLetter(Service.ROTATION_SCHEDULER, Topics.ROTATION_DUE);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(deadLetters));
            long deadline = System.nanoTime() + WAIT.toNanos();
            Optional<ConsumerRecord<String, byte[]>> dead = Optional.empty();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (forged.key().equals(record.key())) {
                        dead = Optional.of(record);
                    }
                }
            }
            assertThat(dead).as("the forged record on %s", deadLetters).isPresent();
            assertThat(new String(dead.get().headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .startsWith("disallowed-source:").contains(Service.NOTIFIER.source());
        }
    }

    private static ProducerRecord<String, byte[]> rotationDue(String source) {
        String credential = "acl-" + UUID.randomUUID();
        Instant now = Instant.now();
        RotationDue due = new RotationDue("r-" + credential, credential, now, now.plus(Duration.ofHours(1)), RotationReason.MANUAL, 1,
                "mallory", SchedulerServiceTest.pat(credential, "read"));
        return CloudEvents.raw(Topics.ROTATION_DUE, source, EventType.ROTATION_DUE, credential, EventJson.write(due), now);
    }

    private static void publish(Map<String, Object> client, ProducerRecord<String, byte[]> record) throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
