package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Confidence {
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH
}
