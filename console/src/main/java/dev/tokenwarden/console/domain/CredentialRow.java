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

    private static final java.util.Map<CredentialKind, String> LABELS = java.util.Arrays.stream(CredentialKind.values())
            .collect(java.util.stream.Collectors.toMap(k -> k, k -> k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));

    public String kindLabel() {
        return label(kind);
    }

    /** {@code app-installation}, ...; {@code unknown} for a credential known only from the broker's state. */
    static String label(CredentialKind kind) {
        return kind == null ? "unknown" : LABELS.get(kind);
    }
}
