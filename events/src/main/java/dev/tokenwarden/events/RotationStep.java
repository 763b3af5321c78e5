package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The four steps of a rotation. */
public enum RotationStep {
    @JsonProperty("create") CREATE,
    @JsonProperty("store") STORE,
    @JsonProperty("test") TEST,
    @JsonProperty("finish") FINISH
}
