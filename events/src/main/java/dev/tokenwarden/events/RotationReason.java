package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum RotationReason {
    @JsonProperty("scheduled") SCHEDULED,
    @JsonProperty("expiring") EXPIRING,
    @JsonProperty("manual") MANUAL,
    @JsonProperty("emergency") EMERGENCY,
    @JsonProperty("exposed") EXPOSED,
    @JsonProperty("retry") RETRY
}
