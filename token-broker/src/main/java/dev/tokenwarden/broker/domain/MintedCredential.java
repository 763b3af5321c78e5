package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import java.time.Instant;
import java.util.Map;

/**
 * A new credential value from GitHub (minted) or from its owner (uploaded).
 *
 * @param expiresAt null when GitHub reports no expiry
 * @param permissions the GitHub App permissions it was narrowed to; empty for a PAT
 * @param mintedFrom the installation an installation token was minted from, whose rate limits its own calls count
 *        against; null for a value not minted from an installation
 */
public record MintedCredential(Secret value, Instant expiresAt, Map<String, String> permissions, AppInstallation mintedFrom) {
    public MintedCredential {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    }

    /** A value not minted from an app installation: a PAT, a user token. */
    public MintedCredential(Secret value, Instant expiresAt, Map<String, String> permissions) {
        this(value, expiresAt, permissions, null);
    }
}
