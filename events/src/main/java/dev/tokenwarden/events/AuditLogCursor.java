package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/**
 * How far the broker has read one organisation's audit log: the {@code after} cursor of the page it reads from
 * (null: from the oldest event GitHub keeps) and the {@code _document_id}s of that page it has already taken in.
 * Written on {@code credential.usage} under the key {@code audit-log/<org>} once the usage facts of those events
 * are acknowledged, so a restart resumes where the last poll stopped.
 */
public record AuditLogCursor(
        String org,
        String after,
        List<String> seenOnPage,
        Instant readAt) {

    public AuditLogCursor {
        Wire.required(org, "org");
        seenOnPage = Wire.listOrEmpty(seenOnPage);
        Wire.required(readAt, "readAt");
    }

    /** The Kafka key of an organisation's cursor on {@code credential.usage}. */
    public static String key(String org) {
        return "audit-log/" + org;
    }
}
