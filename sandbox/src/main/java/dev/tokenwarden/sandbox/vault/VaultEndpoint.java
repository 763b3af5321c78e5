package dev.tokenwarden.sandbox.vault;

/** A Vault-API server to talk to: what it is (for test names and logs), its address and a root token. */
public record VaultEndpoint(String kind, String address, String rootToken) {
    @Override
    public String toString() {
        return kind + " at " + address;
    }
}
