package dev.tokenwarden.sandbox.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract against the in-memory dev server, plus what only it can do: seal on demand. */
class InMemoryVaultContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.inMemoryEndpoint();
    }

    @Test
    void sealedAnswers503_devServerOnly() {
        try (InMemoryVaultServer server = InMemoryVaultServer.start()) {
            VaultHttp sealedHttp = new VaultHttp(server.address());
            sealedHttp.call("POST", "sys/mounts/tokenwarden", server.rootToken(), Map.of("type", "kv", "options", Map.of("version", "2")));
            server.seal(true);

            VaultHttp.Reply write = sealedHttp.call("POST", "tokenwarden/data/a", server.rootToken(), Map.of("data", Map.of("k", "v")));
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.errors()).contains("Vault is sealed");
            VaultHttp.Reply health = sealedHttp.call("GET", "sys/health", null, null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().path("sealed").asBoolean()).isTrue();

            server.seal(false);
            assertThat(sealedHttp.call("POST", "tokenwarden/data/a", server.rootToken(), Map.of("data", Map.of("k", "v"))).status())
                    .isEqualTo(200);
        }
    }
}
