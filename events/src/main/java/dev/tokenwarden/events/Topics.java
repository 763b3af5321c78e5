package dev.tokenwarden.events;

/** Kafka topic names. Every topic is prefixed {@code tokenwarden.}; compacted ones hold durable state. */
public final class Topics {
    public static final String PREFIX = "tokenwarden.";

    public static final String INVENTORY = PREFIX + "inventory";
    public static final String ROTATION_DUE = PREFIX + "rotation.due";
    public static final String ROTATION_REQUESTS = PREFIX + "rotation.requests";
    public static final String TOKEN_LIFECYCLE = PREFIX + "token.lifecycle";
    public static final String CREDENTIAL_STATE = PREFIX + "credential.state";
    public static final String LEDGER = PREFIX + "ledger";
    public static final String CREDENTIAL_USAGE = PREFIX + "credential.usage";
    public static final String GITHUB_RATELIMIT = PREFIX + "github.ratelimit";
    public static final String CREDENTIAL_EXPOSED = PREFIX + "credential.exposed";
    public static final String AUDIT_FINDINGS = PREFIX + "audit.findings";
    public static final String AUDIT_SCANS = PREFIX + "audit.scans";
    public static final String AUDIT_BASELINE = PREFIX + "audit.baseline";
    public static final String AUDIT_ORG_SCANS = PREFIX + "audit.org-scans";
    public static final String AUDIT_FIXES = PREFIX + "audit.fixes";
    public static final String INCIDENTS = PREFIX + "incidents";
    public static final String NOTIFICATIONS = PREFIX + "notifications";
    public static final String SILENCES = PREFIX + "silences";
    public static final String OPERATOR_ACTIONS = PREFIX + "operator.actions";

    private Topics() {
    }

    /** The dead-letter topic of one service's consumer of {@code topic}: {@code tokenwarden.<service>.<topic>.dlq}. */
    public static String deadLetter(Service service, String topic) {
        if (!topic.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a tokenwarden topic: " + topic);
        }
        return PREFIX + service.id() + "." + topic.substring(PREFIX.length()) + ".dlq";
    }
}
