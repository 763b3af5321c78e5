package dev.tokenwarden.platform.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The Quarkus side: the configured client bean, and rate observations on Kafka and as gauges. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RateLimitPublishingTest {
    @Inject
    GitHubClient configuredClient;

    @Inject
    RateLimitPublisher publisher;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    @Test
    void theClientBeanUsesTokenwardenGithubConfiguration() {
        assertThat(configuredClient.baseUrl()).isEqualTo(URI.create("https://ghe.example.com/api/v3"));
    }

    @Test
    void observationsArePublishedKeyedByInstallationAndExposedAsGauges() {
        long appId = 5150;
        long installationId = 9001;
        try (GitHubSimulator github = GitHubSimulator.start(clock);
                KafkaCompanion companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            SimulatedApp app = github.registerApp(appId);
            github.addInstallation(appId, installationId, "acme", List.of(), Map.of("contents", "read"));
            GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, duration -> { },
                    new SplittableRandom(5), publisher);

            InstallationToken token = client.createInstallationToken(GitHubApp.of(appId, app.clientId(), app.privateKeyPem()),
                    installationId, new InstallationTokenRequest(Map.of(), List.of()));
            client.revokeInstallationToken(token.credential());

            String installationKey = appId + "/" + installationId;
            ConsumerRecord<String, byte[]> published = companion.consume(Serdes.String(), Serdes.ByteArray())
                    .fromTopics(Topics.GITHUB_RATELIMIT)
                    .awaitRecords(2, Duration.ofSeconds(30))
                    .getRecords().stream()
                    .filter(r -> r.key().equals(installationKey))
                    .findFirst().orElseThrow();
            assertThat(new String(published.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventType.RATE_LIMIT_OBSERVED.ceType());
            RateLimitObservation observation = EventJson.read(published.value(), RateLimitObservation.class);
            assertThat(observation.limit()).isEqualTo(5000);
            assertThat(observation.remaining()).isEqualTo(4999);
            assertThat(new String(published.value(), StandardCharsets.UTF_8)).doesNotContain(token.value());

            assertThat(registry.get("tokenwarden.github.ratelimit.remaining")
                    .tag("installation", installationKey).tag("resource", "core").gauge().value()).isEqualTo(4999.0);
            assertThat(registry.get("tokenwarden.github.ratelimit.limit")
                    .tag("installation", Long.toString(appId)).gauge().value()).isEqualTo(5000.0);
        }
    }
}
