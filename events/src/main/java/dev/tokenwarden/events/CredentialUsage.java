package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/**
 * What the organisation's audit log says about one credential's use: its last use (when, which value, by whom,
 * from which repository or address, doing what) and the usage incidents firing for it. {@code credential.usage}
 * is compacted by credential id, so a restarted broker neither forgets a use nor raises a firing incident again.
 */
public record CredentialUsage(
        String credentialId,
        String valueHash,
        Instant lastUsedAt,
        String actor,
        String repository,
        String actorIp,
        String action,
        List<String> firing,
        Instant updatedAt) {

    public CredentialUsage {
        Wire.required(credentialId, "credentialId");
        if (valueHash != null) {
            Wire.sha256Hex(valueHash, "valueHash");
        }
        firing = Wire.listOrEmpty(firing);
        Wire.required(updatedAt, "updatedAt");
    }
}
