package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points every {@code @QuarkusTest} of the broker at a real OpenBao ({@code bao server -dev}) with its root
 * token, without a second test resource (which would make Quarkus restart between test classes). Without
 * {@code bao} on the PATH it falls back to the sandbox's in-memory dev server so the app still starts; the
 * flow tests then abort (fail under {@code CI=true}) through {@code VaultAssumptions}. Explicit test
 * properties (ordinal 250 and up) still win.
 */
public class SandboxVaultConfigSource implements ConfigSource {
    private static final Set<String> NAMES = Set.of("tokenwarden.vault.address", "tokenwarden.vault.auth.method",
            "tokenwarden.vault.auth.token");

    @Override
    public Set<String> getPropertyNames() {
        return NAMES;
    }

    @Override
    public Map<String, String> getProperties() {
        VaultEndpoint vault = SharedVaults.openBao().orElseGet(SharedVaults::inMemoryEndpoint);
        return Map.of("tokenwarden.vault.address", vault.address(), "tokenwarden.vault.auth.method", "token",
                "tokenwarden.vault.auth.token", vault.rootToken());
    }

    @Override
    public String getValue(String propertyName) {
        return NAMES.contains(propertyName) ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "sandbox-vault";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
