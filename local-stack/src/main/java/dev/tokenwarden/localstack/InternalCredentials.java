package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auditor's (reading, and opening fix pull requests) and notifier's own GitHub credentials: the internal-tier entries added to the example inventory, so the
 * broker mints them, and for each of the two services the Vault path it reads its credential from and an AppRole login
 * (the bootstrap's role {@code tokenwarden-<service>}) carrying only its own policy instead of the root token.
 */
public final class InternalCredentials {
    private static final String ENTRIES = "/internal-inventory-entries.yaml";

    /** Service → its path settings' environment variables and paths, {@code github/<tier>/<consumer>/<id>} of {@link #ENTRIES}. */
    private static final Map<String, Map<String, String>> PATHS = Map.of(
            "workflow-auditor", Map.of("TOKENWARDEN_AUDITOR_GITHUB_TOKEN_VAULT_PATH", "github/auditor/workflow-auditor/workflow-auditor-github",
                    "TOKENWARDEN_FIXER_GITHUB_TOKEN_VAULT_PATH", "github/fixer/workflow-auditor/workflow-auditor-fixer"),
            "notifier", Map.of("NOTIFIER_GITHUB_TOKEN_VAULT_PATH", "github/notifier/notifier/notifier-github"));

    private InternalCredentials() {
    }

    /** Writes the example inventory with the internal entries appended to its list into {@code state}, and returns that file. */
    public static Path writeInventory(Path example, Path state) throws IOException {
        String internal;
        try (InputStream entries = InternalCredentials.class.getResourceAsStream(ENTRIES)) {
            if (entries == null) {
                throw new IllegalStateException(ENTRIES + " is missing from the local stack's jar");
            }
            internal = new String(entries.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path inventory = state.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(example) + "\n" + internal);
        return inventory;
    }

    /** {@code shared} as {@code service} gets it: for the auditor and notifier, with their own Vault login and credential path. */
    public static Map<String, String> environmentOf(String service, Map<String, String> shared, VaultEndpoint vault)
            throws IOException, InterruptedException {
        Map<String, String> paths = PATHS.get(service);
        if (paths == null) {
            return shared;
        }
        Map<String, String> environment = new LinkedHashMap<>(shared);
        environment.remove("TOKENWARDEN_VAULT_AUTH_TOKEN");
        environment.putAll(paths);
        String role = "auth/approle/role/tokenwarden-" + service;
        environment.put("TOKENWARDEN_VAULT_AUTH_METHOD", "approle");
        environment.put("TOKENWARDEN_VAULT_AUTH_ROLE_ID", field(vault, VaultAsRoot.request(vault, "/v1/" + role + "/role-id").GET(), "role_id"));
        environment.put("TOKENWARDEN_VAULT_AUTH_SECRET_ID", field(vault, VaultAsRoot.request(vault, "/v1/" + role + "/secret-id")
                .POST(HttpRequest.BodyPublishers.ofString("{}")), "secret_id"));
        return environment;
    }

    private static String field(VaultEndpoint vault, HttpRequest.Builder request, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = VaultAsRoot.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !value.find()) {
            throw new IllegalStateException("Vault at " + vault.address() + " gave no " + name + " for an AppRole login: HTTP "
                    + response.statusCode());
        }
        return value.group(1);
    }
}
