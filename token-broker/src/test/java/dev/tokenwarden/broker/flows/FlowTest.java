package dev.tokenwarden.broker.flows;

import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.vault.VaultAssumptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every flow test holds: the broker's Vault port to look into, the test side of Kafka, and the
 * simulator. Flows run against a real OpenBao; without {@code bao} they abort locally and fail under CI.
 */
abstract class FlowTest {
    @Inject
    SecretStore store;

    final KafkaTraffic kafka = KafkaTraffic.get();
    final GitHubSimulator github = Sandbox.github();

    @BeforeEach
    void prepareSandbox() {
        VaultAssumptions.openBao();
        BrokerSetup.once(store);
    }
}
