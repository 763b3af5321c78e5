package dev.tokenwarden.bench;

import dev.tokenwarden.platform.vault.VaultSettings;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.time.Duration;
import java.util.Optional;

/** The Vault adapter's settings for the benchmark: the endpoint's root token, the adapter's own defaults otherwise. */
record BenchVaultSettings(VaultEndpoint endpoint, String mount) implements VaultSettings {
    @Override
    public Optional<String> address() {
        return Optional.of(endpoint.address());
    }

    @Override
    public Optional<String> namespace() {
        return Optional.empty();
    }

    @Override
    public Duration openTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public Duration readTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Auth auth() {
        return new Auth() {
            @Override
            public Method method() {
                return Method.TOKEN;
            }

            @Override
            public Optional<String> token() {
                return Optional.of(endpoint.rootToken());
            }

            @Override
            public String approlePath() {
                return "approle";
            }

            @Override
            public Optional<String> roleId() {
                return Optional.empty();
            }

            @Override
            public Optional<String> secretId() {
                return Optional.empty();
            }
        };
    }

    @Override
    public Retry retry() {
        return new Retry() {
            @Override
            public int maxAttempts() {
                return 4;
            }

            @Override
            public Duration initialBackoff() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofSeconds(5);
            }
        };
    }

    @Override
    public Renewal renewal() {
        return new Renewal() {
            @Override
            public Duration checkInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration renewBefore() {
                return Duration.ofMinutes(5);
            }
        };
    }
}
