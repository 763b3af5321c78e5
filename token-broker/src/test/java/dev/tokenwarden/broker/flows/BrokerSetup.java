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
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.vault.VaultHttp;
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

    static InventoryEntry userTokenEntry() {
        return new InventoryEntry("user-" + UUID.randomUUID().toString().substring(0, 8), CredentialKind.APP_USER_TOKEN, "read",
                Sandbox.ORG, "team-a", List.of("acme/api"), List.of(new AppInstallation(Sandbox.APP_ID, Sandbox.INSTALLATION_ID)),
                "owner@acme.test", new PolicyOverrides(Duration.ofHours(6), null, null));
    }

    /**
     * What an operator does after {@code login} authorised the sandbox's app (docs/operations.md): the app's client secret
     * and the user's tokens put at the broker's own paths with check-and-set, the tokens as {@code authorised}.
     */
    static GitHubSimulator.UserTokens authorise(InventoryEntry entry, String login, GitHubSimulator github) {
        GitHubSimulator.UserTokens tokens = github.authoriseUser(Sandbox.APP_ID, login);
        putOnce(CredentialTarget.clientSecretPath(Sandbox.APP_ID), Map.of("client_secret", Sandbox.app().clientSecret()));
        putGrant(entry, tokens.refreshToken(), tokens.accessToken());
        return tokens;
    }

    /** An {@code authorised} grant with these values, as an operator puts it; the path must be empty. */
    static void putGrant(InventoryEntry entry, String refreshToken, String accessToken) {
        Instant now = Sandbox.clock().instant();
        put(CredentialTarget.refreshGrantPath(entry.id()), Map.of("refresh_token", refreshToken, "access_token", accessToken,
                "state", "authorised", "access_expires_at", now.plus(Duration.ofHours(8)).toString(),
                "refresh_expires_at", now.plus(Duration.ofDays(183)).toString()), 0);
    }

    private static void putOnce(String path, Map<String, String> data) {
        String mount = ConfiguredVault.mount();
        if (ConfiguredVault.http().call("GET", mount + "/data/" + path, ConfiguredVault.rootToken(), null).status() == 404) {
            put(path, data, 0);
        }
    }

    private static void put(String path, Map<String, String> data, long cas) {
        VaultHttp.Reply reply = ConfiguredVault.http().call("POST", ConfiguredVault.mount() + "/data/" + path, ConfiguredVault.rootToken(),
                Map.of("options", Map.of("cas", cas), "data", data));
        if (reply.status() != 200) {
            throw new IllegalStateException("putting " + path + " answered " + reply.status() + ": " + reply.errors());
        }
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
