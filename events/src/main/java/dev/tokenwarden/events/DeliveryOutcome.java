package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum DeliveryOutcome {
    @JsonProperty("delivered") DELIVERED,
    @JsonProperty("retrying") RETRYING,
    @JsonProperty("failed") FAILED,
    @JsonProperty("suppressed") SUPPRESSED
}
