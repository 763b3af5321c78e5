package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;
import java.time.Instant;

/**
 * What a Vault path's custom metadata says about the credential stored there, so an operator browsing
 * Vault sees whose it is and which rotation wrote it. Never the value.
 *
 * @param owner null when the broker does not know it (a rotation started from the ledger, not the inventory)
 * @param expiresAt null when GitHub reports no expiry
 */
public record SecretLabels(String credentialId, String tier, CredentialKind kind, String consumer, String owner,
        String rotationId, Instant expiresAt) {

    public static SecretLabels of(CredentialTarget target, SecretData data) {
        return new SecretLabels(target.credentialId(), target.tier(), target.kind(), target.consumer(), target.owner(),
                data.rotationId(), data.expiresAt());
    }
}
