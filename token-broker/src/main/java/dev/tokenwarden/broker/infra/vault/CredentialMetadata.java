package dev.tokenwarden.broker.infra.vault;

import java.util.Map;

/**
 * Vault's metadata of a credential path: its current version (0 when none was ever written, which is also
 * the check-and-set value that creates it) and its custom metadata (the broker's labels, and any key
 * someone else set).
 */
public record CredentialMetadata(long currentVersion, Map<String, String> custom) {
    public static final CredentialMetadata NONE = new CredentialMetadata(0, Map.of());

    public CredentialMetadata {
        custom = Map.copyOf(custom);
    }
}
