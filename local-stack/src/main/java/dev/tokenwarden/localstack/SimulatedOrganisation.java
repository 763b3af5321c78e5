package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub side of {@code config/inventory.example.yaml}, in the simulator: the app its entries mint from,
 * installed on the example organisation, with the app's private key in Vault where the broker reads it.
 */
public final class SimulatedOrganisation {
    public static final long APP_ID = 101;
    public static final String ORG = "acme";
    public static final List<Long> INSTALLATIONS = List.of(5_550_001L, 5_550_002L);
    public static final List<String> REPOSITORIES = List.of("api", "web", "platform", "payments");
    /** Where the app key lives, as the broker's {@code key-path}: {@code <tier>/<consumer>/<credential-id>} under {@code github/}. */
    public static final String KEY_PATH = keyPath(APP_ID);

    /** Everything any tier asks of an installation token, so the simulator narrows rather than refuses. */
    public static final Map<String, String> INSTALLATION_PERMISSIONS = Map.ofEntries(
            Map.entry("contents", "write"), Map.entry("metadata", "read"), Map.entry("statuses", "write"),
            Map.entry("actions", "write"), Map.entry("deployments", "write"), Map.entry("environments", "read"),
            Map.entry("issues", "write"), Map.entry("secret_scanning_alerts", "read"),
            Map.entry("pull_requests", "write"), Map.entry("workflows", "write"), Map.entry("organization_administration", "read"),
            Map.entry("checks", "write"), Map.entry("security_events", "write"));

    private SimulatedOrganisation() {
    }

    public static String keyPath(long appId) {
        return "app-keys/tokenwarden/github-app-" + appId;
    }

    /** Sets the organisation up and returns the environment the services need to use it. */
    public static Map<String, String> install(GitHubSimulator simulator, VaultEndpoint vault) throws IOException, InterruptedException {
        return install(simulator, vault, 1);
    }

    /**
     * As {@link #install(GitHubSimulator, VaultEndpoint)}, with an app pool of {@code apps} GitHub Apps: {@link #APP_ID} and the
     * ids after it, each registered with its own key in Vault and known to the broker and the scheduler. Only the first
     * is installed on the example repositories; a caller installs the others where it needs them.
     */
    public static Map<String, String> install(GitHubSimulator simulator, VaultEndpoint vault, int apps) throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (long appId = APP_ID; appId < APP_ID + apps; appId++) {
            SimulatedApp app = simulator.registerApp(appId);
            storeAppKey(vault, keyPath(appId), app.privateKeyPem());
            environment.put("TOKENWARDEN_BROKER_APPS__" + appId + "__CLIENT_ID", app.clientId());
            environment.put("TOKENWARDEN_BROKER_APPS__" + appId + "__KEY_PATH", keyPath(appId));
            known.add(String.valueOf(appId));
        }
        for (long installation : INSTALLATIONS) {
            simulator.addInstallation(APP_ID, installation, ORG, REPOSITORIES, INSTALLATION_PERMISSIONS);
        }
        environment.putAll(Map.of(
                "TOKENWARDEN_KNOWN_APPS", String.join(",", known),
                // Usage monitoring on: the broker reads the simulated organisation's audit log every minute with the
                // auditor's internal-tier credential, which the local stack's inventory has the broker mint.
                "TOKENWARDEN_BROKER_USAGE_ORGS", ORG,
                "TOKENWARDEN_BROKER_USAGE_GITHUB_TOKEN_VAULT_PATH", "github/auditor/workflow-auditor/workflow-auditor-github",
                "TOKENWARDEN_BROKER_USAGE_POLL_INTERVAL", "1m"));
        return environment;
    }

    /** Writes the key as the next version: the mount requires check-and-set, and a kept Vault may hold an older key. */
    private static void storeAppKey(VaultEndpoint vault, String keyPath, String pem) throws IOException, InterruptedException {
        String path = "/v1/tokenwarden/%s/github/" + keyPath;
        HttpResponse<String> metadata = VaultAsRoot.HTTP.send(VaultAsRoot.request(vault, String.format(path, "metadata")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long current = 0;
        if (metadata.statusCode() == 200) {
            Matcher version = Pattern.compile("\"current_version\"\\s*:\\s*(\\d+)").matcher(metadata.body());
            current = version.find() ? Long.parseLong(version.group(1)) : 0;
        }
        String body = "{\"options\":{\"cas\":" + current + "},\"data\":{\"token\":" + jsonString(pem)
                + ",\"kind\":\"app-private-key\",\"permissions\":\"\",\"repositories\":\"\",\"rotation_id\":\"local-stack\"}}";
        HttpResponse<String> written = VaultAsRoot.HTTP.send(VaultAsRoot.request(vault, String.format(path, "data"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (written.statusCode() / 100 != 2) {
            throw new IllegalStateException("could not store the simulated app's key in Vault: HTTP " + written.statusCode());
        }
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }
}
