package dev.tokenwarden.platform.events;

/** Why a record was refused and sent to the dead-letter topic; the code leads the reason header. */
public enum RejectReason {
    MISSING_TYPE("missing-type"),
    UNKNOWN_TYPE("unknown-type"),
    UNEXPECTED_TYPE("unexpected-type"),
    MISSING_SOURCE("missing-source"),
    DISALLOWED_SOURCE("disallowed-source"),
    MISSING_ID("missing-id"),
    MALFORMED_BODY("malformed-body");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
