package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;
import java.util.Set;

/** Revokes a credential value at GitHub. */
public interface Revoker {
    /**
     * @param organisations the owners of the credential's repositories, where a fine-grained PAT's access is
     *     also revoked through the organisation's API when the broker is configured for it
     * @throws BrokerFailure when GitHub could not be told; retryable when a later attempt may succeed
     */
    Outcome revoke(CredentialKind kind, Secret value, Set<String> organisations);

    enum Outcome {
        REVOKED,
        /** GitHub no longer accepts it (401/404 on an expired or already revoked one): revoked for our purposes. */
        ALREADY_INVALID
    }
}
