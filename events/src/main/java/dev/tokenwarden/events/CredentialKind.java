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
    @JsonProperty("app-private-key") APP_PRIVATE_KEY;

    public boolean isPat() {
        return this == FINE_GRAINED_PAT || this == CLASSIC_PAT;
    }
}
