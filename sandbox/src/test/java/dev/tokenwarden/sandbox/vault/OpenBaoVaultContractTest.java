package dev.tokenwarden.sandbox.vault;

/** The contract against a real OpenBao ({@code bao server -dev}); required under {@code CI=true}. */
class OpenBaoVaultContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return VaultAssumptions.openBao();
    }
}
