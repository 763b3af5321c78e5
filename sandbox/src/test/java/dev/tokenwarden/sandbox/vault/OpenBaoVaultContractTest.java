package dev.tokenwarden.sandbox.vault;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** The contract against a real OpenBao ({@code bao server -dev}); required under {@code CI=true}. */
class OpenBaoVaultContractTest extends VaultContract {
    @Override
    protected VaultEndpoint endpoint() {
        return SharedVaults.openBao().orElseGet(() -> {
            if (SharedVaults.underCi()) {
                fail(SharedVaults.BAO_MISSING);
            }
            Assumptions.abort(SharedVaults.BAO_MISSING);
            return null;
        });
    }
}
