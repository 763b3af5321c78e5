package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ExposureSource {
    @JsonProperty("secret-scanning") SECRET_SCANNING,
    @JsonProperty("manual") MANUAL
}
