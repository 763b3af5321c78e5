package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.sandbox.vault.VaultAssumptions;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;

/** The adapter against a real OpenBao ({@code bao server -dev}); required under {@code CI=true}. */
class OpenBaoSecretStoreTest extends VaultSecretStoreContract {
    @Override
    protected VaultEndpoint endpoint() {
        return VaultAssumptions.openBao();
    }
}
