package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import java.util.List;

/**
 * The credential a rotation writes: enough to name its Vault path and describe it in the ledger and in
 * Vault's custom metadata.
 *
 * @param owner null when known only from the ledger, which does not record it
 */
public record CredentialTarget(
        String credentialId, CredentialKind kind, String tier, String consumer, List<String> repositories, String owner) {

    public CredentialTarget {
        repositories = List.copyOf(repositories);
    }

    public static CredentialTarget of(InventoryEntry entry) {
        return new CredentialTarget(entry.id(), entry.kind(), entry.tier(), entry.consumer(), entry.repositories(), entry.owner());
    }

    public static CredentialTarget of(LedgerEntry entry) {
        return new CredentialTarget(entry.credentialId(), entry.kind(), entry.tier(), entry.consumer(), entry.repositories(), null);
    }

    /** {@code github/<tier>/<consumer>/<credential-id>} under the KV v2 mount; consumer policies grant by prefix. */
    public String vaultPath() {
        return vaultPath(tier, consumer, credentialId);
    }

    public static String vaultPath(String tier, String consumer, String credentialId) {
        return "github/" + segment(tier) + "/" + segment(consumer) + "/" + segment(credentialId);
    }

    /** The folder of {@link #pendingUploadPath}s. */
    public static final String PENDING_UPLOADS = "github/.pending-uploads";

    /**
     * Where a PAT rotation waiting for its upload is kept: beside the credentials, so the broker's policy
     * covers it, and outside every {@code github/<tier>/<consumer>/} a consumer's policy grants.
     */
    public static String pendingUploadPath(String credentialId) {
        return PENDING_UPLOADS + "/" + segment(credentialId);
    }

    /**
     * Where the broker keeps an {@code app-user-token}'s refresh token with the access token it gave ({@link RefreshGrant}):
     * beside the credentials under the broker's policy, outside every consumer's {@code github/<tier>/<consumer>/}.
     */
    public static String refreshGrantPath(String credentialId) {
        return "github/.refresh-grants/" + segment(credentialId);
    }

    /** Where a GitHub App's client secret is kept (field {@code client_secret}), out of every consumer's reach too. */
    public static String clientSecretPath(long appId) {
        return "github/.app-client-secrets/" + appId;
    }

    private static String segment(String value) {
        if (!value.matches("[A-Za-z0-9._-]+") || value.equals(".") || value.equals("..")) {
            throw new BrokerFailure("'" + value + "' cannot be a Vault path segment (letters, digits, '.', '_', '-')", false);
        }
        return value;
    }
}
