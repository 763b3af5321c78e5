package dev.tokenwarden.broker.messaging;

/** The broker's channel names; topics, groups and dead-letter topics are in application.properties. */
public final class Channels {
    public static final String ROTATION_DUE_IN = "rotation-due-in";
    public static final String CREDENTIAL_EXPOSED_IN = "credential-exposed-in";
    public static final String LEDGER_IN = "ledger-in";
    public static final String CREDENTIAL_STATE_IN = "credential-state-in";
    public static final String RATE_LIMITS_IN = "github-ratelimit-in";
    public static final String TOKEN_LIFECYCLE_OUT = "token-lifecycle-out";
    public static final String CREDENTIAL_STATE_OUT = "credential-state-out";
    public static final String LEDGER_OUT = "ledger-out";
    public static final String CREDENTIAL_USAGE_IN = "credential-usage-in";
    public static final String CREDENTIAL_USAGE_OUT = "credential-usage-out";

    private Channels() {
    }
}
