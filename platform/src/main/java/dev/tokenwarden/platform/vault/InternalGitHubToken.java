package dev.tokenwarden.platform.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A service's own GitHub token (internal tier {@code auditor}, {@code notifier}, ...). With a Vault path it is the
 * token the token-broker keeps there (fields {@code token} and {@code expires_at}): read on first use, cached, and
 * read again once it is within {@link #REFRESH_BEFORE} of its expiry or after GitHub refused it, so a rotation is
 * picked up without a restart. Without one it is the configured literal, for development. The value never goes
 * into a message.
 */
public final class InternalGitHubToken {
    /** How long before {@code expires_at} the token is read again; the broker rotates well before expiry. */
    public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final Optional<String> vaultPath;
    private final Optional<String> literal;
    private final KvSecretReader vault;
    private final Clock clock;
    private String value;
    private Instant expiresAt;

    public InternalGitHubToken(Optional<String> vaultPath, Optional<String> literal, KvSecretReader vault, Clock clock) {
        this.vaultPath = vaultPath.filter(path -> !path.isBlank());
        this.literal = literal.filter(token -> !token.isBlank());
        this.vault = vault;
        this.clock = clock;
    }

    public boolean configured() {
        return vaultPath.isPresent() || literal.isPresent();
    }

    /** The token to call GitHub with now; empty when none is configured. A {@link VaultAccessException} when Vault has none. */
    public synchronized Optional<String> current() {
        if (vaultPath.isEmpty()) {
            return literal;
        }
        if (value == null || expiresAt != null && !clock.instant().isBefore(expiresAt.minus(REFRESH_BEFORE))) {
            read(vaultPath.get());
        }
        return Optional.of(value);
    }

    /** GitHub refused the token (401): reads Vault again; true when that gave a different token, worth one more try. */
    public synchronized boolean renewAfterRejection() {
        if (vaultPath.isEmpty() || value == null) {
            return false;
        }
        String refused = value;
        read(vaultPath.get());
        return !value.equals(refused);
    }

    private void read(String path) {
        KvSecret secret = vault.current(path).orElseThrow(() -> new VaultAccessException(
                VaultAccessException.Problem.REJECTED, 404, "no GitHub credential in Vault at " + path));
        String token = secret.data().get("token");
        if (token == null || token.isBlank()) {
            throw new VaultAccessException(VaultAccessException.Problem.REJECTED, 200,
                    "the secret at " + path + " version " + secret.version() + " has no token field");
        }
        String expiry = secret.data().get("expires_at");
        value = token;
        expiresAt = expiry == null || expiry.isBlank() ? null : Instant.parse(expiry);
    }
}
