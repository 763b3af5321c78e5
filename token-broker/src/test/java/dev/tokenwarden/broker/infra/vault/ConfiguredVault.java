package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.sandbox.vault.VaultHttp;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Vault the broker under test is configured with ({@link SandboxVaultConfigSource}), for what a test
 * does beside the broker: the KV v2 mount with check-and-set required, made once per JVM, and raw calls.
 */
public final class ConfiguredVault {
    private static boolean mounted;

    private ConfiguredVault() {
    }

    /** Mounts the broker's KV v2 mount with {@code cas_required}, as the bootstrap does, unless this JVM did already. */
    public static synchronized void mountOnce() {
        if (mounted) {
            return;
        }
        VaultHttp http = http();
        if (http.call("GET", mount() + "/config", rootToken(), null).status() != 200) {
            http.mountKvV2(mount(), rootToken());
        }
        VaultHttp.Reply cas = http.call("POST", mount() + "/config", rootToken(), Map.of("cas_required", true));
        if (cas.status() >= 300) {
            throw new IllegalStateException("requiring check-and-set on " + mount() + " answered " + cas.status() + ": " + cas.errors());
        }
        mounted = true;
    }

    public static VaultHttp http() {
        return new VaultHttp(config().getValue("tokenwarden.vault.address", String.class));
    }

    public static String rootToken() {
        return config().getValue("tokenwarden.vault.auth.token", String.class);
    }

    public static String mount() {
        return config().getOptionalValue("tokenwarden.vault.mount", String.class).orElse("tokenwarden");
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
