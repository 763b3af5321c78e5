package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ScanTrigger {
    @JsonProperty("cli") CLI,
    @JsonProperty("rest") REST,
    @JsonProperty("push") PUSH,
    @JsonProperty("pull-request") PULL_REQUEST,
    @JsonProperty("org-scan") ORG_SCAN
}
