package dev.tokenwarden.broker.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The port to an organisation's audit log, read page by page, oldest first. */
public interface AuditLog {
    /**
     * The page after {@code after} (a cursor an earlier page gave; empty: from the oldest event kept). Throws a
     * {@link BrokerFailure} when GitHub gave no usable page; the poller tries again later.
     */
    Page page(String org, Optional<String> after);

    record Page(List<Event> events, Optional<String> nextAfter) {
        public Page {
            events = List.copyOf(events);
        }
    }

    /**
     * One audit log event: {@code auditLogHash} is GitHub's {@code hashed_token}, null for an event no token
     * authenticated; {@code repository} and {@code actorIp} null when the event does not name them.
     */
    record Event(String documentId, Instant at, String action, String actor, String repository, String actorIp, String auditLogHash) {
    }
}
