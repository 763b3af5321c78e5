package dev.tokenwarden.broker.infra.vault;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.sandbox.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The adapter wired by Quarkus: its readiness check is served, and it is the {@link SecretStore} the domain gets. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class VaultReadinessEndpointTest {
    @Inject
    SecretStore store;

    @Test
    void readinessListsVaultAsUp() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'Vault' }.status", equalTo("UP"))
                .body("checks.name", hasItem("Vault"));
    }

    @Test
    void theInjectedSecretStorePortWritesToTheConfiguredMount() {
        ConfiguredVault.mountOnce();
        String path = CredentialTarget.vaultPath("read", "wiring", "cred-" + System.nanoTime());

        long version = store.write(path, VaultSecretStoreContract.credential(VaultSecretStoreContract.githubToken(),
                "rot-1"), 0);

        assertThat(version).isEqualTo(1L);
    }
}
