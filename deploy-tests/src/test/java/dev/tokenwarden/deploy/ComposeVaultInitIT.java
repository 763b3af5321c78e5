package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;

/**
 * The compose {@code vault-init} service's own command, run twice against a real OpenBao dev server with
 * deploy/vault mounted where compose mounts it: the bootstrap applies, and the services' tokens from {@code .env}
 * exist with only their own policies: the broker's writes credentials but cannot manage Vault, the auditor's reads
 * no consumer's credential.
 */
class ComposeVaultInitIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void vaultInitBootstrapsVaultAndGivesEachServiceAPolicyBoundToken() throws Exception {
        Optional<VaultEndpoint> openBao = SharedVaults.openBao();
        if (!SharedVaults.underCi()) {
            assumeTrue(openBao.isPresent(), SharedVaults.BAO_MISSING);
        }
        VaultEndpoint vault = openBao.orElseThrow(() -> new AssertionError(SharedVaults.BAO_MISSING));
        String brokerToken = "tokenwarden-broker-" + UUID.randomUUID();
        String auditorToken = "tokenwarden-workflow-auditor-" + UUID.randomUUID();

        Map<String, Object> init = Yaml.map(Yaml.at(RepositoryFiles.yamlDocument(RepositoryFiles.resolve("docker-compose.yml")),
                "services", "vault-init").orElseThrow(), "vault-init");
        String script = hostPaths(String.valueOf(Yaml.list(init.get("command"), "command").get(0)).replace("$$", "$"),
                Yaml.list(init.get("volumes"), "volumes"));
        for (int run = 1; run <= 2; run++) {
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
            builder.environment().put("VAULT_ADDR", vault.address());
            builder.environment().put("VAULT_TOKEN", vault.rootToken());
            builder.environment().put("VAULT_BROKER_TOKEN", brokerToken);
            builder.environment().put("VAULT_AUDITOR_TOKEN", auditorToken);
            builder.environment().put("VAULT_NOTIFIER_TOKEN", "tokenwarden-notifier-" + UUID.randomUUID());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as("vault-init run %d:%n%s", run, output).isZero();
            assertThat(output).contains("vault-init: token-broker token ready", "vault-init: workflow-auditor token ready",
                    "vault-init: notifier token ready");
        }

        HttpResponse<String> self = call(vault, brokerToken, "GET", "/v1/auth/token/lookup-self", null);
        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(self.body()).contains("\"tokenwarden-broker\"").doesNotContain("\"root\"");
        String path = "/v1/tokenwarden/data/github/deployment/payments/compose-check";
        assertThat(call(vault, brokerToken, "POST", path, "{\"options\":{\"cas\":0},\"data\":{\"token\":\"not-a-real-token\"}}")
                .statusCode()).as("the broker writes a credential").isEqualTo(200);
        assertThat(call(vault, brokerToken, "GET", "/v1/sys/policies/acl/tokenwarden-broker", null).statusCode())
                .as("the broker cannot read, let alone change, Vault's policies").isEqualTo(403);

        HttpResponse<String> auditor = call(vault, auditorToken, "GET", "/v1/auth/token/lookup-self", null);
        assertThat(auditor.body()).contains("\"tokenwarden-workflow-auditor\"").doesNotContain("\"root\"");
        assertThat(call(vault, auditorToken, "GET", path, null).statusCode())
                .as("the auditor reads only its own internal tier, not a consumer's credential").isEqualTo(403);
    }

    /** Replaces each container path of compose's bind mounts with the repository path it mounts. */
    private static String hostPaths(String script, List<Object> volumes) {
        String result = script;
        for (Object volume : volumes) {
            String[] parts = String.valueOf(volume).split(":");
            Path host = RepositoryFiles.root().resolve(parts[0]).normalize();
            assertThat(Files.isDirectory(host)).as("bind mount %s", volume).isTrue();
            result = result.replace(parts[1], host.toString());
        }
        return result;
    }

    private static HttpResponse<String> call(VaultEndpoint vault, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vault.address() + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Vault-Token", token);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
