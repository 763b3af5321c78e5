package dev.tokenwarden.sandbox.vault;

import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract against HashiCorp Vault's image, where Docker runs. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersVaultContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return TestcontainersVault.endpoint();
    }

    @Override
    protected boolean supportsNamespaces() {
        return false;
    }
}
