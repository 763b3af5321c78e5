package dev.tokenwarden.broker.domain;

import java.util.Optional;

/**
 * Where the broker keeps each user token's {@link RefreshGrant} ({@link CredentialTarget#refreshGrantPath}) and each
 * GitHub App's client secret ({@link CredentialTarget#clientSecretPath}): Vault paths under the broker's policy that no
 * consumer policy reaches. Writes use check-and-set; failures are {@link BrokerFailure}s that never carry a value.
 */
public interface RefreshGrants {
    /** A grant and the Vault version it was read at, the version the next write must expect. */
    record Versioned(long version, RefreshGrant grant) {
    }

    Optional<Versioned> grant(String credentialId);

    /**
     * Writes a new version with check-and-set on {@code expectedVersion}; the expiries also go into the path's custom
     * metadata.
     *
     * @throws SecretStore.CasConflict when another writer got there first
     */
    long write(String credentialId, RefreshGrant grant, long expectedVersion);

    /** The app's client secret, or empty when none was put there. */
    Optional<Secret> clientSecret(long appId);
}
