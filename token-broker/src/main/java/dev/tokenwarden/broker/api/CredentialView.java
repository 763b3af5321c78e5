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
 * @param lastUse the last use GitHub's audit log reported; null when none was seen (or usage monitoring is off)
 * @param usageIncidents the usage incidents firing for it ({@code credential-unused}, ...)
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
        boolean awaitingUpload,
        LastUse lastUse,
        List<String> usageIncidents) {

    /** When the credential was last used, with which value, by whom, where from, doing what. */
    public record LastUse(Instant at, String valueHash, String actor, String repository, String ip, String action) {
    }
}
