package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;

/** Revokes a credential value at GitHub. */
public interface Revoker {
    /** @throws BrokerFailure when GitHub could not be told; retryable when a later attempt may succeed */
    Outcome revoke(CredentialKind kind, Secret value);

    enum Outcome {
        REVOKED,
        /** GitHub no longer accepts it (401/404 on an expired or already revoked one): revoked for our purposes. */
        ALREADY_INVALID
    }
}
