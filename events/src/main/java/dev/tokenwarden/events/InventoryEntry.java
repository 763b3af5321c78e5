package dev.tokenwarden.events;

import java.util.List;

/** A credential the system must keep rotated; the {@code inventory} topic is compacted by {@link #id()}. */
public record InventoryEntry(
        String id,
        CredentialKind kind,
        String tier,
        String org,
        String consumer,
        List<String> repositories,
        List<AppInstallation> appPool,
        String owner,
        PolicyOverrides policyOverrides) {

    public InventoryEntry {
        Wire.required(id, "id");
        Wire.required(kind, "kind");
        Wire.required(tier, "tier");
        Wire.required(org, "org");
        Wire.required(consumer, "consumer");
        Wire.required(owner, "owner");
        repositories = Wire.listOrEmpty(repositories);
        appPool = Wire.listOrEmpty(appPool);
        policyOverrides = policyOverrides == null ? PolicyOverrides.NONE : policyOverrides;
    }
}
