package dev.tokenwarden.sandbox.vault;

import org.junit.jupiter.api.Assumptions;

/** The contract against HashiCorp's {@code vault server -dev}, when a {@code vault} binary is on the PATH. */
class VaultBinaryContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.vaultBinary().orElseGet(() -> {
            Assumptions.abort("no vault binary on the PATH");
            return null;
        });
    }

    @Override
    protected boolean supportsNamespaces() {
        return false;
    }
}
