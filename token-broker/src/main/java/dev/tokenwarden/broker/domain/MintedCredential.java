package dev.tokenwarden.broker.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A new credential value from GitHub (minted) or from its owner (uploaded).
 *
 * @param expiresAt null when GitHub reports no expiry
 * @param permissions the GitHub App permissions it was narrowed to; empty for a PAT
 */
public record MintedCredential(Secret value, Instant expiresAt, Map<String, String> permissions) {
    public MintedCredential {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
    }
}
