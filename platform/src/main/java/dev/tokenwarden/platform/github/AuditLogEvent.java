package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of an organisation's audit log, reduced to what tells who used which credential: {@code hashedToken}
 * is GitHub's {@code hashed_token} (base64 of the token's SHA-256), present when the action was authenticated by a
 * token; {@code repository} and {@code actorIp} only when the event names them (the IP only where the organisation
 * discloses it).
 */
public record AuditLogEvent(
        String documentId,
        Instant at,
        String action,
        String actor,
        Optional<String> repository,
        Optional<String> actorIp,
        Optional<String> hashedToken) {
}
