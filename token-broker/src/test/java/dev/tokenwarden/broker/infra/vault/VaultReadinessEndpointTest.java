package dev.tokenwarden.broker.infra.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import dev.tokenwarden.sandbox.vault.InMemoryVaultServer;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter wired by Quarkus: its readiness check is served, and the store works with the configured session. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class VaultReadinessEndpointTest {
    @Inject
    VaultCredentialStore store;

    @Test
    void readinessListsVaultAsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Vault' }.status", equalTo("UP"))
                .body("checks.name", hasItem("Vault"));
    }

    @Test
    void theInjectedStoreWritesToTheConfiguredMount() {
        InMemoryVaultServer vault = SharedVaults.inMemory();
        new VaultHttp(vault.address()).call("POST", "sys/mounts/tokenwarden", vault.rootToken(),
                Map.of("type", "kv", "options", Map.of("version", "2")));
        CredentialPath path = new CredentialPath("read", "wiring", "cred-" + System.nanoTime());

        WriteOutcome outcome = store.write(path, VaultCredentialStoreContract.credential(VaultCredentialStoreContract.githubToken(),
                "rot-1"), 0);

        assertThat(outcome).isEqualTo(new WriteOutcome.Written(1));
    }
}
