package dev.tokenwarden.platform.github;

import java.util.List;
import java.util.Optional;

/** One page of an audit log, oldest first, and the {@code after} cursor of the next page when GitHub links one. */
public record AuditLogPage(List<AuditLogEvent> events, Optional<String> nextAfter) {
    public AuditLogPage {
        events = List.copyOf(events);
    }
}
