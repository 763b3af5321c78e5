package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data of one Vault version: the value and what describes it, written together so a reader never
 * sees a value without its {@code rotation_id}. {@link #toString()} leaves the value out.
 *
 * @param permissions GitHub permission to level, for example {@code contents} to {@code read}
 * @param repositories {@code owner/name}, empty for every repository the issuer can reach
 */
public record StoredCredential(String token, Instant expiresAt, CredentialKind kind, Map<String, String> permissions,
        List<String> repositories, String rotationId) {

    public StoredCredential {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a stored credential needs a value");
        }
        permissions = Map.copyOf(permissions);
        repositories = List.copyOf(repositories);
    }

    @Override
    public String toString() {
        return "StoredCredential[kind=" + kind + ", expiresAt=" + expiresAt + ", permissions=" + permissions
                + ", repositories=" + repositories + ", rotationId=" + rotationId + ", token=<redacted>]";
    }
}
