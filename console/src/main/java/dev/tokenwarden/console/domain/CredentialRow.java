package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialStatus;
import java.time.Instant;
import java.util.List;

/** One credential as a list or its page shows it; a snapshot, safe to render outside the model's lock. */
public record CredentialRow(
        String id,
        CredentialKind kind,
        String tier,
        String org,
        String consumer,
        String owner,
        List<String> repositories,
        boolean inInventory,
        CredentialStatus status,
        Long vaultVersion,
        Instant lastRotatedAt,
        Instant expiresAt,
        Instant nextRotation,
        Health health) {

    public String kindLabel() {
        return kind == null ? "unknown" : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
