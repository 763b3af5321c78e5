package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum CredentialStatus {
    @JsonProperty("healthy") HEALTHY,
    @JsonProperty("rotating") ROTATING,
    @JsonProperty("failed") FAILED,
    @JsonProperty("revoked") REVOKED
}
