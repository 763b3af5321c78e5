package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which credentials a manual or emergency rotation covers: one credential, or all of a tier, repository or consumer, or all. */
public enum RotationScope {
    @JsonProperty("credential") CREDENTIAL,
    @JsonProperty("tier") TIER,
    @JsonProperty("repository") REPOSITORY,
    @JsonProperty("consumer") CONSUMER,
    @JsonProperty("all") ALL
}
