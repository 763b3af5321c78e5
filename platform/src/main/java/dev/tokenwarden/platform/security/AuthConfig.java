package dev.tokenwarden.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * API keys for local runs and tests; production authenticates with OIDC bearer tokens. Only a key's SHA-256
 * is configured, for example {@code tokenwarden.auth.api-keys."local-admin".key-sha256=<64 hex>} and
 * {@code tokenwarden.auth.api-keys."local-admin".role=admin}; the caller sends the key in {@code X-Api-Key}.
 */
@ConfigMapping(prefix = "tokenwarden.auth")
public interface AuthConfig {

    /** Off in production (see platform's config), so a forgotten local key cannot open a deployed service. */
    @WithDefault("true")
    boolean apiKeysEnabled();

    /** By principal name. */
    Map<String, ApiKey> apiKeys();

    interface ApiKey {
        /** SHA-256 of the key, lower-case hex. */
        String keySha256();

        Role role();
    }
}
