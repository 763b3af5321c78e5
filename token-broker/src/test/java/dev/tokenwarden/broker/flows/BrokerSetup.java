package dev.tokenwarden.broker.flows;

import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.infra.vault.ConfiguredVault;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every flow test needs once: the KV v2 mount with check-and-set required, and the app's key in it. */
final class BrokerSetup {
    static final String APP_KEY = CredentialTarget.vaultPath("apps", "token-broker", "app-1-key");
    private static boolean done;

    private BrokerSetup() {
    }

    static synchronized void once(SecretStore store) {
        if (done) {
            return;
        }
        ConfiguredVault.mountOnce();
        if (store.current(APP_KEY).isEmpty()) {
            store.write(APP_KEY, new SecretData(Secret.of(Sandbox.app().privateKeyPem()), Instant.parse("2027-11-22T00:00:00Z"),
                    CredentialKind.APP_PRIVATE_KEY, Map.of(), List.of(), "seeded-by-test"), 0);
        }
        done = true;
    }

    static InventoryEntry appEntry(String tier, boolean workflowsWrite) {
        return new InventoryEntry("cred-" + UUID.randomUUID().toString().substring(0, 8), CredentialKind.APP_INSTALLATION, tier,
                Sandbox.ORG, "team-a", List.of("acme/api"), List.of(new AppInstallation(Sandbox.APP_ID, Sandbox.INSTALLATION_ID)),
                "owner@acme.test", new PolicyOverrides(null, null, workflowsWrite));
    }

    static InventoryEntry patEntry(CredentialKind kind, String tier) {
        return new InventoryEntry("pat-" + UUID.randomUUID().toString().substring(0, 8), kind, tier, Sandbox.ORG, "team-a",
                List.of("acme/api"), List.of(), "owner@acme.test", null);
    }

    static RotationDue due(InventoryEntry entry, String rotationId, RotationReason reason, int attempt) {
        Instant now = Sandbox.clock().instant();
        return new RotationDue(rotationId, entry.id(), now, now.plus(Duration.ofMinutes(30)), reason, attempt, "rotation-scheduler", entry);
    }
}
