package dev.tokenwarden.platform.vault;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How a service reaches Vault: address, KV v2 mount, namespace, timeouts, authentication, retries, renewal. */
@ConfigMapping(prefix = "tokenwarden.vault")
public interface VaultSettings {
    /**
     * For example {@code https://vault.example:8200}. Optional because every service carries this mapping: one that
     * leaves it unset does not use Vault, and a call then fails naming the missing setting.
     */
    Optional<String> address();

    /** The KV version 2 mount holding every credential; the bootstrap creates it with {@code cas_required}. */
    @WithDefault("tokenwarden")
    String mount();

    /** A Vault Enterprise or OpenBao namespace; absent for the root namespace. */
    Optional<String> namespace();

    @WithDefault("5s")
    Duration openTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    Auth auth();

    Retry retry();

    Renewal renewal();

    /**
     * Settings from plain {@code tokenwarden.vault.*} properties, defaults filled in, for tests run without Quarkus.
     * SmallRye generates the mapping's class with ASM, which a test class path has and a plain program's may not.
     */
    static VaultSettings of(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(VaultSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "properties", 300))
                .build().getConfigMapping(VaultSettings.class);
    }

    interface Auth {
        /**
         * {@code token}: a given token; {@code approle}: log in with role and secret id; {@code agent}: a Vault
         * agent in front of Vault attaches (and renews) its own token, so the service sends none.
         */
        @WithDefault("token")
        Method method();

        /** The token for {@code method=token}. */
        Optional<String> token();

        /** The AppRole auth mount path. */
        @WithDefault("approle")
        String approlePath();

        Optional<String> roleId();

        Optional<String> secretId();
    }

    enum Method {
        TOKEN, APPROLE, AGENT
    }

    interface Retry {
        /** Attempts per call, the first included, on 5xx, 503 sealed and connection failures. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }

    interface Renewal {
        /** How often the service looks at its own token's remaining TTL. */
        @WithDefault("30s")
        Duration checkInterval();

        /** Renew once the remaining TTL falls below this, or below a third of the token's TTL if that is larger. */
        @WithDefault("5m")
        Duration renewBefore();
    }
}
