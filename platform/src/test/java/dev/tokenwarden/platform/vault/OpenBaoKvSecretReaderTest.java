package dev.tokenwarden.platform.vault;

import dev.tokenwarden.sandbox.vault.VaultAssumptions;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;

/** The reader against a real OpenBao ({@code bao server -dev}); required under {@code CI=true}. */
class OpenBaoKvSecretReaderTest extends KvSecretReaderContract {
    @Override
    protected VaultEndpoint endpoint() {
        return VaultAssumptions.openBao();
    }
}
