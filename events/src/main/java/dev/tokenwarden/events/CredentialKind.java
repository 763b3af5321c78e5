package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum CredentialKind {
    /** One-hour GitHub App installation token, minted by the broker. */
    @JsonProperty("app-installation") APP_INSTALLATION,
    /** Fine-grained personal access token, uploaded by its owner (GitHub has no API to create one). */
    @JsonProperty("fine-grained-pat") FINE_GRAINED_PAT,
    /** Classic personal access token, uploaded by its owner. */
    @JsonProperty("classic-pat") CLASSIC_PAT,
    /** A GitHub App private key, created only in GitHub's UI; tracked for age and expiry. */
    @JsonProperty("app-private-key") APP_PRIVATE_KEY,
    /**
     * A GitHub App user access token ({@code ghu_}, 8 hours) renewed by the broker with its single-use refresh token
     * ({@code ghr_}, 6 months); the refresh token never leaves the broker's own Vault path.
     */
    @JsonProperty("app-user-token") APP_USER_TOKEN;

    public boolean isPat() {
        return this == FINE_GRAINED_PAT || this == CLASSIC_PAT;
    }

    /**
     * Whether the broker renews it on its own, without an owner: its short life is its rotation period, not a reason
     * to warn anyone before it expires.
     */
    public boolean renewedByBroker() {
        return this == APP_INSTALLATION || this == APP_USER_TOKEN;
    }
}
