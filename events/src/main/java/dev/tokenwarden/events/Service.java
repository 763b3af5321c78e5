package dev.tokenwarden.events;

import java.util.Arrays;
import java.util.Optional;

/** The services that produce events; each one's CloudEvents source is {@code /tokenwarden/<id>}. */
public enum Service {
    ROTATION_SCHEDULER("rotation-scheduler"),
    TOKEN_BROKER("token-broker"),
    WORKFLOW_AUDITOR("workflow-auditor"),
    NOTIFIER("notifier");

    private final String id;

    Service(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
