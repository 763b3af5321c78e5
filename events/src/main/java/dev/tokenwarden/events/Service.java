package dev.tokenwarden.events;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The deployed services; each one's CloudEvents source is {@code /tokenwarden/<id>} and its dead letters go to
 * {@code tokenwarden.<id>.<topic>.dlq}. The console only reads: it may produce no event type.
 */
public enum Service {
    ROTATION_SCHEDULER("rotation-scheduler"),
    TOKEN_BROKER("token-broker"),
    WORKFLOW_AUDITOR("workflow-auditor"),
    NOTIFIER("notifier"),
    CONSOLE("console");

    private final String id;

    Service(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The services that may publish events at all: every one but the read-only console. */
    public static Set<Service> producers() {
        return EnumSet.complementOf(EnumSet.of(CONSOLE));
    }

    public String source() {
        return "/tokenwarden/" + id;
    }

    public static Optional<Service> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static Optional<Service> bySource(String source) {
        return Arrays.stream(values()).filter(s -> s.source().equals(source)).findFirst();
    }
}
