package dev.tokenwarden.sandbox.vault;

import org.junit.jupiter.api.Assumptions;

/** The contract against the server named by {@code VAULT_ADDR} and {@code VAULT_TOKEN}, when set. */
class VaultAddrContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.fromEnvironment().orElseGet(() -> {
            Assumptions.abort("VAULT_ADDR and VAULT_TOKEN are not both set");
            return null;
        });
    }

    @Override
    protected boolean supportsNamespaces() {
        return Boolean.parseBoolean(System.getenv().getOrDefault("VAULT_NAMESPACES", "false"));
    }
}
