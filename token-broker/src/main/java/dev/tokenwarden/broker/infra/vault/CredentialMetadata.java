package dev.tokenwarden.broker.infra.vault;

import java.util.Optional;

/**
 * Vault's metadata of a credential path: its current version (0 when none was ever written, which is also
 * the check-and-set value that creates it) and the custom metadata the broker sets.
 */
public record CredentialMetadata(long currentVersion, Optional<String> owner, Optional<String> tier) {
    public static final CredentialMetadata NONE = new CredentialMetadata(0, Optional.empty(), Optional.empty());
}
