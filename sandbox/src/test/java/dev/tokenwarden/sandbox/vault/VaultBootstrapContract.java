package dev.tokenwarden.sandbox.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/vault/bootstrap.sh} against a Vault-API server (a subclass names one): run twice, it
 * leaves the mount, policies and roles in place, and the policies it writes keep each consumer and each
 * service to its own paths.
 */
abstract class VaultBootstrapContract {
    private static final Path BOOTSTRAP = Path.of(System.getProperty("user.dir")).getParent().resolve("deploy/vault/bootstrap.sh");

    protected VaultEndpoint endpoint;
    protected VaultHttp http;

    protected abstract VaultEndpoint endpoint();

    /** Whether the server has Kubernetes and JWT auth, which the bootstrap then configures. */
    protected abstract boolean hasKubernetesAndJwtAuth();

    record Run(int exitCode, String output) {
    }

    @BeforeEach
    void server() {
        Assumptions.assumeTrue(DevModeVaultServer.findOnPath("curl").isPresent(), "the bootstrap needs curl on the PATH");
        endpoint = endpoint();
        http = new VaultHttp(endpoint.address());
    }

    private Run bootstrap(Path consumers) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", BOOTSTRAP.toString()).redirectErrorStream(true);
        builder.environment().put("VAULT_ADDR", endpoint.address());
        builder.environment().put("VAULT_TOKEN", endpoint.rootToken());
        builder.environment().put("TOKENWARDEN_CONSUMERS", consumers.toString());
        builder.environment().remove("VAULT_NAMESPACE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private String login(String role) {
        String roleId = http.call("GET", "auth/approle/role/" + role + "/role-id", endpoint.rootToken(), null)
                .body().path("data").path("role_id").asText();
        String secretId = http.call("POST", "auth/approle/role/" + role + "/secret-id", endpoint.rootToken(), null)
                .body().path("data").path("secret_id").asText();
        VaultHttp.Reply login = http.call("POST", "auth/approle/login", null, Map.of("role_id", roleId, "secret_id", secretId));
        assertThat(login.status()).isEqualTo(200);
        return login.body().path("auth").path("client_token").asText();
    }

    private String tokenWith(String policy) {
        return http.call("POST", "auth/token/create", endpoint.rootToken(), Map.of("policies", List.of(policy), "ttl", "10m"))
                .body().path("auth").path("client_token").asText();
    }

    private int writeAs(String token, String path, long cas) {
        Map<String, Object> body = cas < 0 ? Map.of("data", Map.of("token", "v"))
                : Map.of("data", Map.of("token", "v"), "options", Map.of("cas", cas));
        return http.call("POST", "tokenwarden/data/" + path, token, body).status();
    }

    private long currentVersion(String path) {
        return http.call("GET", "tokenwarden/metadata/" + path, endpoint.rootToken(), null)
                .body().path("data").path("current_version").asLong();
    }

    @Test
    void twoRunsSucceedAndEachConsumerAndServiceIsKeptToItsOwnPaths(@TempDir Path dir) throws Exception {
        Path consumers = dir.resolve("consumers.tsv");
        Files.writeString(consumers, """
                # tier  consumer  repository  environment
                read        team-a    acme/app   production
                deployment  team-b    -          -
                """);

        Run first = bootstrap(consumers);
        Run second = bootstrap(consumers);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("mounted KV v2").contains("tokenwarden/ is KV v2 with cas_required", "done");

        String broker = login("tokenwarden-token-broker");
        assertThat(writeAs(broker, "github/read/team-a/c1", -1)).as("cas_required refuses a write without cas").isEqualTo(400);
        assertThat(writeAs(broker, "github/read/team-a/c1", currentVersion("github/read/team-a/c1"))).isEqualTo(200);
        assertThat(writeAs(broker, "github/deployment/team-b/c2", currentVersion("github/deployment/team-b/c2"))).isEqualTo(200);
        assertThat(writeAs(broker, "elsewhere/c3", 0)).as("the broker writes only under github/").isEqualTo(403);

        String readTeamA = tokenWith("tokenwarden-consumer-read-team-a");
        assertThat(http.call("GET", "tokenwarden/data/github/read/team-a/c1", readTeamA, null).status()).isEqualTo(200);
        assertThat(http.call("GET", "tokenwarden/data/github/deployment/team-b/c2", readTeamA, null).status()).isEqualTo(403);
        assertThat(http.call("GET", "tokenwarden/metadata/github/read/team-a?list=true", readTeamA, null).status()).isEqualTo(403);
        assertThat(writeAs(readTeamA, "github/read/team-a/c1", currentVersion("github/read/team-a/c1"))).isEqualTo(403);

        String deploymentTeamB = tokenWith("tokenwarden-consumer-deployment-team-b");
        assertThat(http.call("GET", "tokenwarden/data/github/deployment/team-b/c2", deploymentTeamB, null).status()).isEqualTo(200);
        assertThat(http.call("GET", "tokenwarden/data/github/read/team-a/c1", deploymentTeamB, null).status()).isEqualTo(403);

        String notifier = login("tokenwarden-notifier");
        assertThat(http.call("GET", "tokenwarden/data/github/read/team-a/c1", notifier, null).status()).isEqualTo(403);
        assertThat(http.call("GET", "tokenwarden/data/github/auditor/workflow-auditor/x", notifier, null).status()).isEqualTo(403);
        assertThat(http.call("GET", "tokenwarden/data/github/notifier/notifier/x", notifier, null).status()).isEqualTo(404);
    }

    @Test
    void kubernetesAndGithubActionsRolesExistWhereTheServerHasThoseMethods(@TempDir Path dir) throws Exception {
        Path consumers = dir.resolve("consumers.tsv");
        Files.writeString(consumers, "read team-a acme/app production\n");

        Run run = bootstrap(consumers);

        assertThat(run.exitCode()).as(run.output()).isZero();
        if (!hasKubernetesAndJwtAuth()) {
            assertThat(run.output()).contains("has no kubernetes auth method", "has no jwt auth method");
            return;
        }
        JsonNode kubernetes = http.call("GET", "auth/kubernetes/role/tokenwarden-token-broker", endpoint.rootToken(), null)
                .body().path("data");
        assertThat(kubernetes.path("bound_service_account_names").toString()).contains("tokenwarden-token-broker");
        assertThat(kubernetes.path("token_policies").toString()).contains("tokenwarden-broker");
        JsonNode jwt = http.call("GET", "auth/jwt-github-actions/role/gha-acme-app-production", endpoint.rootToken(), null)
                .body().path("data");
        assertThat(jwt.path("bound_claims").path("repository").asText()).isEqualTo("acme/app");
        assertThat(jwt.path("bound_claims").path("environment").asText()).isEqualTo("production");
        assertThat(jwt.path("token_policies").toString()).contains("tokenwarden-consumer-read-team-a");
    }
}
