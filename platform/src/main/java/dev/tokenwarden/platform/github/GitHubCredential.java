package dev.tokenwarden.platform.github;

import java.util.Objects;
import java.util.Optional;

/**
 * What a call authenticates with (a token or an app JWT, or nothing), and the key its rate-limit
 * observations are published under: {@code appId/installationId} for an installation token, the app id
 * for an app JWT, a caller name otherwise. {@link #toString()} never shows the secret.
 */
public final class GitHubCredential {
    private final String secret;
    private final String rateKey;

    private GitHubCredential(String secret, String rateKey) {
        if (rateKey == null || rateKey.isBlank()) {
            throw new IllegalArgumentException("a GitHub credential needs a rate-limit key");
        }
        this.secret = secret;
        this.rateKey = rateKey;
    }

    /** A token (installation token, PAT, OAuth token) sent as {@code Authorization: Bearer}. */
    public static GitHubCredential token(String value, String rateKey) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty GitHub token for " + rateKey);
        }
        return new GitHubCredential(value, rateKey);
    }

    /** No authentication: only for endpoints GitHub serves anonymously, such as credential revocation. */
    public static GitHubCredential anonymous(String rateKey) {
        return new GitHubCredential(null, rateKey);
    }

    public String rateKey() {
        return rateKey;
    }

    Optional<String> authorization() {
        return Optional.ofNullable(secret).map(s -> "Bearer " + s);
    }

    /** The raw value, for the one call that sends it as data (credential revocation). */
    String secret() {
        return Objects.requireNonNull(secret, "anonymous credential has no value");
    }

    @Override
    public String toString() {
        return "GitHubCredential[rateKey=" + rateKey + (secret == null ? ", anonymous]" : ", secret=<redacted>]");
    }
}
