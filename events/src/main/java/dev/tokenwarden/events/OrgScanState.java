package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an organisation-wide scan stands. */
public enum OrgScanState {
    @JsonProperty("queued") QUEUED,
    @JsonProperty("running") RUNNING,
    @JsonProperty("paused-rate-limited") PAUSED_RATE_LIMITED,
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("failed") FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
