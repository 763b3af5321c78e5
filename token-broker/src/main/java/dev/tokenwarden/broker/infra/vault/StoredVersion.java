package dev.tokenwarden.broker.infra.vault;

import java.time.Instant;

/** One version of a credential as read back from Vault. */
public record StoredVersion(CredentialPath path, long version, Instant createdAt, StoredCredential credential) {
}
