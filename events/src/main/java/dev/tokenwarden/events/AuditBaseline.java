package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/** The finding fingerprints known for one repository; {@code audit.baseline} is compacted by repository. */
public record AuditBaseline(String repository, List<String> fingerprints, Instant updatedAt) {
    public AuditBaseline {
        Wire.required(repository, "repository");
        Wire.required(updatedAt, "updatedAt");
        fingerprints = Wire.listOrEmpty(fingerprints);
    }
}
