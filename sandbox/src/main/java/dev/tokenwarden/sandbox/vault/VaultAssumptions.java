package dev.tokenwarden.sandbox.vault;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** How a test gets a real server: skipped with a message locally when it is missing, failed under {@code CI=true}. */
public final class VaultAssumptions {
    private VaultAssumptions() {
    }

    /** The shared {@code bao server -dev}; aborts the test (or fails it under CI) without {@code bao}. */
    public static VaultEndpoint openBao() {
        return openBaoServer().endpoint();
    }

    /** The shared {@code bao server -dev} process, on the same terms. */
    public static DevModeVaultServer openBaoServer() {
        return SharedVaults.openBaoServer().orElseGet(() -> {
            if (SharedVaults.underCi()) {
                Assertions.fail(SharedVaults.BAO_MISSING);
            }
            Assumptions.abort(SharedVaults.BAO_MISSING);
            return null;
        });
    }
}
