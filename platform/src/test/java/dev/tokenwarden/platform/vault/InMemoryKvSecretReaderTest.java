package dev.tokenwarden.platform.vault;

import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;

/** The reader against the sandbox's in-memory Vault-API server. */
class InMemoryKvSecretReaderTest extends KvSecretReaderContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.inMemoryEndpoint();
    }
}
