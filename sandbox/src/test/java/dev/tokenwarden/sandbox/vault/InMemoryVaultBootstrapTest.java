package dev.tokenwarden.sandbox.vault;

/** {@code deploy/vault/bootstrap.sh} against the in-memory dev server, which has AppRole but no Kubernetes or JWT auth. */
class InMemoryVaultBootstrapTest extends VaultBootstrapContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.inMemoryEndpoint();
    }

    @Override
    protected boolean hasKubernetesAndJwtAuth() {
        return false;
    }
}
