package dev.tokenwarden.broker.flows;

import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

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
        Config config = ConfigProvider.getConfig();
        String address = config.getValue("tokenwarden.vault.address", String.class);
        String token = config.getValue("tokenwarden.vault.auth.token", String.class);
        String mount = config.getOptionalValue("tokenwarden.vault.mount", String.class).orElse("tokenwarden");
        vault(address, token, "sys/mounts/" + mount, "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}", true);
        vault(address, token, mount + "/config", "{\"cas_required\":true}", false);
        if (store.current(APP_KEY).isEmpty()) {
            store.write(APP_KEY, new SecretData(Secret.of(Sandbox.app().privateKeyPem()), Instant.parse("2027-11-22T00:00:00Z"),
                    CredentialKind.APP_PRIVATE_KEY, Map.of(), List.of(), "seeded-by-test"), 0);
        }
        done = true;
    }

    /** A mount that exists already (another test class made it) answers 400, which {@code existingIsFine} accepts. */
    private static void vault(String address, String token, String path, String body, boolean existingIsFine) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
                    .header("X-Vault-Token", token).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(existingIsFine && response.statusCode() == 400)) {
                throw new IllegalStateException("Vault answered " + response.statusCode() + " to POST " + path + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Vault at " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
