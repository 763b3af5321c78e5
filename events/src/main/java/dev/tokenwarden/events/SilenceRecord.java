package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/**
 * One silence as the notifier holds it; {@code silences} is compacted by silence id. Expiring a silence writes a
 * new record with the earlier {@code endsAt} and who expired it; a silence only ever gets shorter.
 */
public record SilenceRecord(
        String id,
        List<String> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        String expiredBy,
        Instant updatedAt) {

    public SilenceRecord {
        Wire.required(id, "id");
        matchers = Wire.listOrEmpty(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("missing required field 'matchers'");
        }
        Wire.required(startsAt, "startsAt");
        Wire.required(endsAt, "endsAt");
        Wire.required(createdBy, "createdBy");
        Wire.required(comment, "comment");
        Wire.required(updatedAt, "updatedAt");
    }
}
