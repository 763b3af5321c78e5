package dev.tokenwarden.broker.api;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the broker knows about a credential: metadata and hashes only, never a value.
 *
 * @param currentValueHash SHA-256 of the value consumers read now; null before the first rotation
 * @param awaitingUpload a PAT rotation waits for its owner's upload
 */
public record CredentialView(
        String credentialId,
        CredentialKind kind,
        String tier,
        String consumer,
        List<String> repositories,
        CredentialStatus status,
        Long vaultVersion,
        Instant lastRotatedAt,
        Instant expiresAt,
        String lastRotationId,
        String currentValueHash,
        boolean awaitingUpload) {
}
