package dev.tokenwarden.sandbox.vault;

/** {@code deploy/vault/bootstrap.sh} against real OpenBao; required under {@code CI=true}. */
class OpenBaoVaultBootstrapTest extends VaultBootstrapContract {
    @Override
    protected VaultEndpoint endpoint() {
        return VaultAssumptions.openBao();
    }

    @Override
    protected boolean hasKubernetesAndJwtAuth() {
        return true;
    }
}
