package dev.tokenwarden.sandbox.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.api.Auth;
import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What tokenwarden relies on from Vault, run against every Vault-API server the machine offers: each
 * subclass names one. Data goes through {@code vault-java-driver} with KV engine version 2 set
 * explicitly, and through raw HTTP where the driver has no call. Every test works in a fresh mount, so
 * servers are shared by the whole run.
 */
abstract class VaultContract {
    protected VaultEndpoint endpoint;
    protected VaultHttp http;
    protected String mount;
    protected Vault root;

    /** The server under test; a subclass skips or fails here when its server is not available. */
    protected abstract VaultEndpoint endpoint();

    /** Namespaces exist in OpenBao and Vault Enterprise, not in Vault's open-source edition. */
    protected boolean supportsNamespaces() {
        return true;
    }

    @BeforeEach
    void freshMount() throws VaultException {
        endpoint = endpoint();
        http = new VaultHttp(endpoint.address());
        mount = "c" + UUID.randomUUID().toString().substring(0, 8);
        http.mountKvV2(mount, endpoint.rootToken());
        root = driver(endpoint.rootToken(), null);
    }

    protected Vault driver(String token, String namespace) throws VaultException {
        VaultConfig config = new VaultConfig().address(endpoint.address()).token(token).engineVersion(2)
                .openTimeout(5).readTimeout(10);
        if (namespace != null) {
            config.nameSpace(namespace);
        }
        return Vault.create(config.build(), 2);
    }

    private static WriteOptions cas(long version) {
        return new WriteOptions().checkAndSet(version).build();
    }

    private LogicalResponse write(Vault vault, String path, Map<String, Object> data, long casVersion) throws VaultException {
        return vault.logical().write(mount + "/" + path, data, null, cas(casVersion));
    }

    /** The driver throws on some statuses and returns others; either way this is the status Vault sent. */
    private static int status(VaultCall call) {
        try {
            return call.run().getRestResponse().getStatus();
        } catch (VaultException e) {
            return e.getHttpStatusCode();
        }
    }

    /** The version a KV v2 write created, from the {@code data.version} of its answer. */
    private static long writtenVersion(LogicalResponse response) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getRestResponse().getBody())
                    .path("data").path("version").asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String body(LogicalResponse response) {
        return new String(response.getRestResponse().getBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface VaultCall {
        LogicalResponse run() throws VaultException;
    }

    private String tokenWithPolicy(String name, String policy, String ttl) throws VaultException {
        assertThat(http.call("PUT", "sys/policies/acl/" + name, endpoint.rootToken(), Map.of("policy", policy)).status())
                .isEqualTo(204);
        return root.auth().createToken(new Auth.TokenRequest().polices(List.of(name)).ttl(ttl)).getAuthClientToken();
    }

    @Test
    void writesVersionsWithCheckAndSetAndReadsLatestOrAGivenVersion() throws VaultException {
        assertThat(writtenVersion(write(root, "github/read/team-a/c1", Map.of("token", "first"), 0))).isEqualTo(1L);
        assertThat(writtenVersion(write(root, "github/read/team-a/c1", Map.of("token", "second"), 1))).isEqualTo(2L);

        LogicalResponse latest = root.logical().read(mount + "/github/read/team-a/c1");
        assertThat(latest.getRestResponse().getStatus()).isEqualTo(200);
        assertThat(latest.getData()).containsEntry("token", "second");
        assertThat(latest.getDataMetadata().getVersion()).isEqualTo(2L);
        assertThat(root.logical().read(mount + "/github/read/team-a/c1", true, 1).getData()).containsEntry("token", "first");
    }

    @Test
    void aStaleCheckAndSetVersionIsA400() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "first"), 0);
        LogicalResponse[] stale = new LogicalResponse[1];
        int status = status(() -> stale[0] = write(root, "github/read/team-a/c1", Map.of("token", "again"), 0));

        assertThat(status).isEqualTo(400);
        assertThat(body(stale[0])).contains("check-and-set parameter did not match the current version");
        assertThat(root.logical().read(mount + "/github/read/team-a/c1").getData()).containsEntry("token", "first");
    }

    @Test
    void aMountWithCasRequiredRefusesAWriteWithoutCas() throws VaultException {
        assertThat(http.call("POST", mount + "/config", endpoint.rootToken(), Map.of("cas_required", true)).status()).isEqualTo(204);
        assertThat(http.call("GET", mount + "/config", endpoint.rootToken(), null).body().path("data").path("cas_required").asBoolean())
                .isTrue();
        LogicalResponse[] refused = new LogicalResponse[1];

        int status = status(() -> refused[0] = root.logical().write(mount + "/github/read/team-a/c1", Map.of("token", "x")));

        assertThat(status).isEqualTo(400);
        assertThat(body(refused[0])).contains("check-and-set parameter required");
        assertThat(write(root, "github/read/team-a/c1", Map.of("token", "x"), 0).getRestResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void customMetadataIsWrittenAndReadThroughTheMetadataEndpoint() throws VaultException {
        assertThat(writtenVersion(write(root, "github/read/team-a/c1", Map.of("token", "x"), 0))).isEqualTo(1L);
        assertThat(http.call("POST", mount + "/metadata/github/read/team-a/c1", endpoint.rootToken(),
                Map.of("custom_metadata", Map.of("owner", "team-a", "tier", "read"))).status()).isEqualTo(204);

        VaultHttp.Reply metadata = http.call("GET", mount + "/metadata/github/read/team-a/c1", endpoint.rootToken(), null);

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.body().path("data").path("custom_metadata").path("owner").asText()).isEqualTo("team-a");
        assertThat(metadata.body().path("data").path("custom_metadata").path("tier").asText()).isEqualTo("read");
        assertThat(metadata.body().path("data").path("current_version").asInt()).isEqualTo(1);
        assertThat(metadata.body().path("data").path("versions").has("1")).isTrue();
    }

    @Test
    void listsTheChildrenOfAFolderAndAnswers404ForAnEmptyOne() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "x"), 0);
        write(root, "github/read/team-a/c2", Map.of("token", "y"), 0);
        write(root, "github/read/team-b/c3", Map.of("token", "z"), 0);

        assertThat(root.logical().list(mount + "/github/read/team-a").getListData()).containsExactly("c1", "c2");
        assertThat(root.logical().list(mount + "/github/read").getListData()).containsExactly("team-a/", "team-b/");
        assertThat(status(() -> root.logical().list(mount + "/github/nothing"))).isEqualTo(404);
    }

    @Test
    void aMissingSecretOrVersionIsA404() {
        assertThat(status(() -> root.logical().read(mount + "/github/read/team-a/none"))).isEqualTo(404);
        assertThat(http.call("GET", mount + "/data/github/read/team-a/none?version=3", endpoint.rootToken(), null).status())
                .isEqualTo(404);
    }

    @Test
    void deletesUndeletesAndDestroysVersions() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "first"), 0);
        write(root, "github/read/team-a/c1", Map.of("token", "second"), 1);
        String path = mount + "/github/read/team-a/c1";

        assertThat(status(() -> root.logical().delete(path, new int[] {1}))).isEqualTo(204);
        VaultHttp.Reply deleted = http.call("GET", mount + "/data/github/read/team-a/c1?version=1", endpoint.rootToken(), null);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.body().path("data").path("metadata").path("deletion_time").asText()).isNotEmpty();

        assertThat(status(() -> root.logical().unDelete(path, new int[] {1}))).isEqualTo(204);
        assertThat(root.logical().read(path, true, 1).getData()).containsEntry("token", "first");

        assertThat(status(() -> root.logical().destroy(path, new int[] {1}))).isEqualTo(204);
        assertThat(status(() -> root.logical().unDelete(path, new int[] {1}))).isEqualTo(204);
        VaultHttp.Reply destroyed = http.call("GET", mount + "/data/github/read/team-a/c1?version=1", endpoint.rootToken(), null);
        assertThat(destroyed.status()).isEqualTo(404);
        assertThat(destroyed.body().path("data").path("metadata").path("destroyed").asBoolean()).isTrue();
        assertThat(root.logical().read(path).getData()).containsEntry("token", "second");
    }

    @Test
    void deletingTheLatestIsSoftAndDeletingMetadataRemovesEveryVersion() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "first"), 0);
        assertThat(http.call("DELETE", mount + "/data/github/read/team-a/c1", endpoint.rootToken(), null).status()).isEqualTo(204);
        assertThat(status(() -> root.logical().read(mount + "/github/read/team-a/c1"))).isEqualTo(404);
        assertThat(http.call("GET", mount + "/metadata/github/read/team-a/c1", endpoint.rootToken(), null).status()).isEqualTo(200);

        assertThat(status(() -> root.logical().delete(mount + "/github/read/team-a/c1"))).isEqualTo(204);

        assertThat(http.call("GET", mount + "/metadata/github/read/team-a/c1", endpoint.rootToken(), null).status()).isEqualTo(404);
        assertThat(writtenVersion(write(root, "github/read/team-a/c1", Map.of("token", "anew"), 0))).isEqualTo(1L);
    }

    @Test
    void mountingTwiceAtOnePathIsRefused() {
        VaultHttp.Reply again = http.call("POST", "sys/mounts/" + mount, endpoint.rootToken(),
                Map.of("type", "kv", "options", Map.of("version", "2")));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errors()).contains("path is already in use");
    }

    @Test
    void aConsumerPolicyReadsItsOwnPathAndIsDeniedAnotherTiersPath() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "mine"), 0);
        write(root, "github/deployment/team-a/c2", Map.of("token", "not mine"), 0);
        String consumer = tokenWithPolicy("read-team-a-" + mount,
                "path \"" + mount + "/data/github/read/team-a/*\" {\n  capabilities = [\"read\"]\n}\n", "1h");
        Vault asConsumer = driver(consumer, null);

        assertThat(asConsumer.logical().read(mount + "/github/read/team-a/c1").getData()).containsEntry("token", "mine");
        LogicalResponse[] denied = new LogicalResponse[1];
        assertThat(status(() -> denied[0] = asConsumer.logical().read(mount + "/github/deployment/team-a/c2"))).isEqualTo(403);
        assertThat(body(denied[0])).contains("permission denied");
        assertThat(status(() -> write(asConsumer, "github/read/team-a/c1", Map.of("token", "x"), 1))).isEqualTo(403);
        assertThat(status(() -> asConsumer.logical().list(mount + "/github/read/team-a"))).isEqualTo(403);
    }

    @Test
    void aPlusGlobMatchesOneSegmentAndDenyWinsOnTheMoreSpecificPath() throws VaultException {
        write(root, "github/read/team-a/c1", Map.of("token", "a"), 0);
        write(root, "github/deployment/team-a/c2", Map.of("token", "b"), 0);
        write(root, "github/read/x/team-a/c3", Map.of("token", "c"), 0);
        String policy = "path \"" + mount + "/data/github/+/team-a/*\" { capabilities = [\"read\", \"list\"] }\n"
                + "path \"" + mount + "/data/github/deployment/team-a/*\" { capabilities = [\"deny\"] }\n"
                + "path \"" + mount + "/metadata/github/+/team-a/\" { capabilities = [\"list\"] }\n";
        Vault reader = driver(tokenWithPolicy("glob-" + mount, policy, "1h"), null);

        assertThat(reader.logical().read(mount + "/github/read/team-a/c1").getData()).containsEntry("token", "a");
        assertThat(status(() -> reader.logical().read(mount + "/github/deployment/team-a/c2"))).isEqualTo(403);
        assertThat(status(() -> reader.logical().read(mount + "/github/read/x/team-a/c3"))).isEqualTo(403);
        assertThat(reader.logical().list(mount + "/github/read/team-a").getListData()).containsExactly("c1");
    }

    @Test
    void createWithoutUpdateAllowsTheFirstVersionOnlyAndDeleteNeedsItsOwnCapability() throws VaultException {
        String writer = tokenWithPolicy("create-only-" + mount,
                "path \"" + mount + "/data/github/*\" { capabilities = [\"create\"] }\n"
                        + "path \"" + mount + "/metadata/github/*\" { capabilities = [\"read\"] }\n", "1h");
        Vault asWriter = driver(writer, null);

        assertThat(status(() -> write(asWriter, "github/read/team-a/c1", Map.of("token", "first"), 0))).isEqualTo(200);
        assertThat(status(() -> write(asWriter, "github/read/team-a/c1", Map.of("token", "second"), 1))).isEqualTo(403);
        assertThat(http.call("DELETE", mount + "/metadata/github/read/team-a/c1", writer, null).status()).isEqualTo(403);
        assertThat(root.logical().read(mount + "/github/read/team-a/c1").getData()).containsEntry("token", "first");
    }

    @Test
    void aPolicyIsStoredAsWritten() {
        String text = "path \"" + mount + "/data/github/read/*\" {\n  capabilities = [\"read\", \"list\"]\n}\n";
        http.call("PUT", "sys/policies/acl/stored-" + mount, endpoint.rootToken(), Map.of("policy", text));

        VaultHttp.Reply read = http.call("GET", "sys/policies/acl/stored-" + mount, endpoint.rootToken(), null);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("data").path("policy").asText()).isEqualTo(text);
    }

    @Test
    void aTokenWithoutCreateRightsCannotMintAChildWithMorePolicies() throws VaultException {
        String limited = tokenWithPolicy("limited-" + mount,
                "path \"" + mount + "/data/github/read/*\" { capabilities = [\"read\"] }\n", "1h");

        VaultHttp.Reply escalate = http.call("POST", "auth/token/create", limited, Map.of("policies", List.of("root")));

        assertThat(escalate.status()).isEqualTo(403);
    }

    @Test
    void aTokenLooksItselfUpAndRenewsItself() throws VaultException {
        String token = tokenWithPolicy("renewer-" + mount,
                "path \"" + mount + "/data/github/read/*\" { capabilities = [\"read\"] }\n", "1h");
        Vault self = driver(token, null);

        LookupResponse lookup = self.auth().lookupSelf();
        assertThat(lookup.getPolicies()).contains("renewer-" + mount, "default");
        assertThat(lookup.isRenewable()).isTrue();
        assertThat(lookup.getTTL()).isBetween(3000L, 3600L);

        AuthResponse renewed = self.auth().renewSelf(7200);
        assertThat(renewed.getAuthLeaseDuration()).isBetween(3601L, 7200L);
        assertThat(self.auth().lookupSelf().getTTL()).isGreaterThan(3600L);
    }

    @Test
    void aRevokedOrUnknownTokenIsDenied() throws VaultException {
        String token = tokenWithPolicy("revoked-" + mount,
                "path \"" + mount + "/data/github/read/*\" { capabilities = [\"read\"] }\n", "1h");
        assertThat(http.call("POST", "auth/token/revoke-self", token, null).status()).isEqualTo(204);

        assertThat(http.call("GET", "auth/token/lookup-self", token, null).status()).isEqualTo(403);
        assertThat(http.call("GET", mount + "/data/github/read/x", "s.not-a-token", null).status()).isEqualTo(403);
        assertThat(http.call("GET", mount + "/data/github/read/x", null, null).status()).isEqualTo(403);
    }

    @Test
    void appRoleLoginIssuesATokenWithTheRolesPolicies() throws VaultException {
        String auth = "ar" + mount;
        String rootToken = endpoint.rootToken();
        assertThat(http.call("POST", "sys/auth/" + auth, rootToken, Map.of("type", "approle")).status()).isEqualTo(204);
        http.call("PUT", "sys/policies/acl/broker-" + mount, rootToken,
                Map.of("policy", "path \"" + mount + "/data/github/*\" { capabilities = [\"create\", \"read\", \"update\"] }\n"));
        assertThat(http.call("POST", "auth/" + auth + "/role/broker", rootToken,
                Map.of("token_policies", List.of("broker-" + mount), "token_ttl", "1h", "token_max_ttl", "4h")).status())
                .isEqualTo(204);
        String roleId = http.call("GET", "auth/" + auth + "/role/broker/role-id", rootToken, null).body().path("data").path("role_id").asText();
        String secretId = http.call("POST", "auth/" + auth + "/role/broker/secret-id", rootToken, null).body().path("data").path("secret_id").asText();

        AuthResponse login = root.auth().loginByAppRole(auth, roleId, secretId);

        assertThat(login.getAuthPolicies()).contains("broker-" + mount);
        assertThat(login.getAuthLeaseDuration()).isBetween(3000L, 3600L);
        assertThat(login.isAuthRenewable()).isTrue();
        Vault broker = driver(login.getAuthClientToken(), null);
        assertThat(write(broker, "github/read/team-a/c1", Map.of("token", "x"), 0).getRestResponse().getStatus()).isEqualTo(200);
        VaultHttp.Reply wrongSecret = http.call("POST", "auth/" + auth + "/login", null,
                Map.of("role_id", roleId, "secret_id", UUID.randomUUID().toString()));
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.errors()).contains("invalid role or secret ID");
    }

    @Test
    void anAuthMethodTheServerLacksIsRefusedWithA400() {
        VaultHttp.Reply refused = http.call("POST", "sys/auth/x" + mount, endpoint.rootToken(), Map.of("type", "no-such-method"));

        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void theNamespaceHeaderScopesMounts() throws VaultException {
        Assumptions.assumeTrue(supportsNamespaces(), endpoint.kind() + " has no namespaces");
        String namespace = "ns" + mount;
        // The mount is named like the namespace, so the root namespace has no mount of that name.
        assertThat(http.call("POST", "sys/namespaces/" + namespace, endpoint.rootToken(), null).status()).isEqualTo(200);
        http.mountKvV2(namespace, endpoint.rootToken(), namespace);
        Vault inNamespace = driver(endpoint.rootToken(), namespace);

        assertThat(inNamespace.logical().write(namespace + "/github/read/team-a/c1", Map.of("token", "ns"), null, cas(0))
                .getRestResponse().getStatus()).isEqualTo(200);

        assertThat(inNamespace.logical().read(namespace + "/github/read/team-a/c1").getData()).containsEntry("token", "ns");
        assertThat(http.call("GET", namespace + "/data/github/read/team-a/c1", endpoint.rootToken(), null).status()).isIn(403, 404);
        assertThat(http.call("GET", "sys/mounts", endpoint.rootToken(), "no-such-" + namespace, null).status()).isEqualTo(404);
    }

    @Test
    void healthAnswers200WhenUnsealed() {
        VaultHttp.Reply health = http.call("GET", "sys/health", null, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("sealed").asBoolean()).isFalse();
        assertThat(health.body().path("initialized").asBoolean()).isTrue();
    }
}
