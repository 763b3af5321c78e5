package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import java.util.Set;

/** Revokes a credential value at GitHub. */
public interface Revoker {
    /**
     * @param organisations the owners of the credential's repositories, where a fine-grained PAT's access is
     *     also revoked through the organisation's API when the broker is configured for it
     * @param mintedFrom the installation an installation token was minted from: its revocation counts against that
     *     installation's rate limits; null when not known (other kinds, values minted before the ledger recorded it)
     * @throws BrokerFailure when GitHub could not be told; retryable when a later attempt may succeed
     */
    Outcome revoke(CredentialKind kind, Secret value, Set<String> organisations, AppInstallation mintedFrom);

    enum Outcome {
        REVOKED,
        /** GitHub no longer accepts it (401/404 on an expired or already revoked one): revoked for our purposes. */
        ALREADY_INVALID
    }
}
