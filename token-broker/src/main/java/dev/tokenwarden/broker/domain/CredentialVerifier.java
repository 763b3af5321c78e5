package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;
import java.util.Set;

/** Proves a credential works with a real GitHub call and reports what GitHub says about it. */
public interface CredentialVerifier {
    /**
     * @param mintedFrom the installation an installation token was minted from: its call counts against that
     *        installation's rate limits, as GitHub counts it; null when not known (an upload, a rotation resumed from
     *        what Vault held), and then it counts against the broker's own
     * @throws BrokerFailure not retryable when GitHub refuses the credential, retryable when GitHub could not answer
     */
    Verification verify(CredentialKind kind, Secret value, AppInstallation mintedFrom);

    /**
     * @param expiresAt from {@code GitHub-Authentication-Token-Expiration}; null when GitHub sends none
     * @param classicScopes from {@code X-OAuth-Scopes}; null when GitHub sends none (not a classic token)
     */
    record Verification(Instant expiresAt, Set<String> classicScopes) {
    }
}
