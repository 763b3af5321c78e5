package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum IncidentStatus {
    @JsonProperty("firing") FIRING,
    @JsonProperty("resolved") RESOLVED
}
