package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Severity of a finding or an incident, lowest first, so {@code compareTo} ranks them. */
public enum Severity {
    @JsonProperty("info") INFO,
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH,
    @JsonProperty("critical") CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
