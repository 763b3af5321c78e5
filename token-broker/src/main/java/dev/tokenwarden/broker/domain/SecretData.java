package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one Vault version holds. {@code rotationId} is written in the same version as the value, so a
 * reader can tell which rotation stored it without any other record.
 *
 * @param expiresAt null when GitHub reports no expiry
 */
public record SecretData(
        Secret token,
        Instant expiresAt,
        CredentialKind kind,
        Map<String, String> permissions,
        List<String> repositories,
        String rotationId) {

    public SecretData {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }
}
