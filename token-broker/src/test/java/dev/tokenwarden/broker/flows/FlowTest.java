package dev.tokenwarden.broker.flows;

import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** What every flow test holds: the broker's Vault port to look into, the test side of Kafka, and the simulator. */
abstract class FlowTest {
    @Inject
    SecretStore store;

    final KafkaTraffic kafka = KafkaTraffic.get();
    final GitHubSimulator github = Sandbox.github();

    @BeforeEach
    void prepareSandbox() {
        BrokerSetup.once(store);
    }
}
