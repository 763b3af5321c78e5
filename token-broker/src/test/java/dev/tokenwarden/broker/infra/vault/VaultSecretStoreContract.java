package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.sandbox.github.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.RotationOrder;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.SecretLabels;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.platform.vault.VaultAccessException;
import dev.tokenwarden.platform.vault.VaultSession;
import dev.tokenwarden.platform.vault.VaultSettings;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import dev.tokenwarden.sandbox.vault.VaultHttp;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import java.time.Instant;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker's Vault adapter against every Vault-API server the machine offers (a subclass names one):
 * check-and-set writes, reads by version, custom metadata, policy denial, AppRole login and renewal,
 * readiness, and no credential value in any exception or log line. Each test gets its own mount.
 */
abstract class VaultSecretStoreContract {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    protected VaultEndpoint endpoint;
    protected VaultHttp http;
    protected String mount;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    protected abstract VaultEndpoint endpoint();

    @BeforeEach
    void freshMountWithCasRequired() {
        endpoint = endpoint();
        http = new VaultHttp(endpoint.address());
        mount = "tw" + UUID.randomUUID().toString().substring(0, 8);
        http.mountKvV2(mount, endpoint.rootToken());
        assertThat(http.call("POST", mount + "/config", endpoint.rootToken(), Map.of("cas_required", true)).status())
                .isEqualTo(204);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturingLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    /** A token-shaped value built at run time, so no token-like literal is ever committed. */
    static String githubToken() {
        StringBuilder token = new StringBuilder("ghs_");
        for (int i = 0; i < 40; i++) {
            token.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return token.toString();
    }

    protected VaultSettings settings(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "tokenwarden.vault.address", endpoint.address(),
                "tokenwarden.vault.mount", mount,
                "tokenwarden.vault.auth.method", "token",
                "tokenwarden.vault.auth.token", endpoint.rootToken(),
                "tokenwarden.vault.retry.initial-backoff", "10ms"));
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(VaultSettings.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 300))
                .build();
        return config.getConfigMapping(VaultSettings.class);
    }

    protected VaultSecretStore store(VaultSession session) {
        return new VaultSecretStore(session);
    }

    protected VaultSecretStore rootStore() {
        return store(new VaultSession(settings(Map.of()), Clock.systemUTC()));
    }

    protected static SecretData credential(String token, String rotationId) {
        return new SecretData(Secret.of(token), Instant.parse("2026-12-01T10:00:00Z"), CredentialKind.APP_INSTALLATION,
                Map.of("contents", "read", "metadata", "read"), List.of("acme/app", "acme/lib"), rotationId);
    }

    protected String tokenWithPolicy(String name, String policy, String ttl) {
        assertThat(http.call("PUT", "sys/policies/acl/" + name, endpoint.rootToken(), Map.of("policy", policy)).status())
                .isEqualTo(204);
        return http.call("POST", "auth/token/create", endpoint.rootToken(), Map.of("policies", List.of(name), "ttl", ttl))
                .body().path("auth").path("client_token").asText();
    }

    @Test
    void writesWithCheckAndSetAndReadsEveryFieldBackByVersion() {
        VaultSecretStore store = rootStore();
        String path = CredentialTarget.vaultPath("read", "team-a", "cred-1");
        String first = githubToken();
        String second = githubToken();

        assertThat(store.write(path, credential(first, "rot-1"), 0)).isEqualTo(1L);
        assertThat(store.write(path, credential(second, "rot-2"), 1)).isEqualTo(2L);

        StoredSecret latest = store.current(path).orElseThrow();
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.data()).isEqualTo(credential(second, "rot-2"));
        assertThat(store.version(path, 1).orElseThrow().data().rotationId()).isEqualTo("rot-1");
        assertThat(store.version(path, 1).orElseThrow().data().token().reveal()).isEqualTo(first);
        assertThat(http.call("GET", mount + "/data/github/read/team-a/cred-1", endpoint.rootToken(), null)
                .body().path("data").path("data").path("kind").asText()).isEqualTo("app-installation");
    }

    @Test
    void aStaleExpectedVersionIsACasConflictAndWritesNothing() {
        VaultSecretStore store = rootStore();
        String path = CredentialTarget.vaultPath("read", "team-a", "cred-1");
        store.write(path, credential(githubToken(), "rot-1"), 0);

        assertThatThrownBy(() -> store.write(path, credential(githubToken(), "rot-2"), 0))
                .isInstanceOf(SecretStore.CasConflict.class)
                .hasMessageContaining(mount + "/" + path);

        assertThat(store.current(path).orElseThrow().data().rotationId()).isEqualTo("rot-1");
        assertThat(store.metadata(path).currentVersion()).isEqualTo(1);
    }

    @Test
    void labelsAreWrittenAsCustomMetadataMergedOverEarlierKeysAndAnUnwrittenPathHasNone() {
        VaultSecretStore store = rootStore();
        String path = CredentialTarget.vaultPath("deployment", "payments", "cred-9");
        assertThat(store.metadata(path)).isEqualTo(CredentialMetadata.NONE);
        String value = githubToken();
        store.write(path, credential(value, "rot-1"), 0);
        http.call("POST", mount + "/metadata/" + path, endpoint.rootToken(), Map.of("custom_metadata", Map.of("runbook", "RB-7")));

        store.describe(path, new SecretLabels("cred-9", "deployment", CredentialKind.APP_INSTALLATION, "payments",
                "team-payments@acme.test", "rot-1", Instant.parse("2026-12-01T10:00:00Z")));
        store.describe(path, new SecretLabels("cred-9", "deployment", CredentialKind.APP_INSTALLATION, "payments",
                null, "rot-2", null));

        CredentialMetadata metadata = store.metadata(path);
        assertThat(metadata.currentVersion()).isEqualTo(1);
        assertThat(metadata.custom()).isEqualTo(Map.of("credential_id", "cred-9", "tier", "deployment",
                "kind", "app-installation", "consumer", "payments", "owner", "team-payments@acme.test", "rotation_id", "rot-2",
                "expires_at", "2026-12-01T10:00:00Z", "runbook", "RB-7"));
        assertThat(http.call("GET", mount + "/metadata/" + path, endpoint.rootToken(), null).body().toString()).doesNotContain(value);
    }

    @Test
    void pendingUploadsAreKeptReplacedPerCredentialListedAndRemovedOnlyByTheirOwnRotation() {
        VaultSecretStore store = rootStore();
        assertThat(store.all()).isEmpty();
        RotationOrder first = pendingUpload("pat-1", "rot-1", "owner@acme.test");
        RotationOrder second = pendingUpload("pat-1", "rot-2", "owner@acme.test");
        RotationOrder other = pendingUpload("pat-2", "rot-9", null);

        store.save(first);
        store.save(second);
        store.save(other);
        store.remove(first);

        assertThat(store.all()).containsExactlyInAnyOrder(second, other);
        store.remove(second);
        assertThat(store.all()).containsExactly(other);
        store.save(first);
        assertThat(store.all()).containsExactlyInAnyOrder(first, other);
    }

    private static RotationOrder pendingUpload(String credentialId, String rotationId, String owner) {
        return new RotationOrder(rotationId, new CredentialTarget(credentialId, CredentialKind.FINE_GRAINED_PAT, "deployment", "team-a",
                List.of("acme/api", "acme/web"), owner), 2, RotationReason.EXPIRING);
    }

    @Test
    void missingPathsAndVersionsReadAsEmpty() {
        VaultSecretStore store = rootStore();
        String path = CredentialTarget.vaultPath("read", "team-a", "never-written");

        assertThat(store.current(path)).isEmpty();
        store.write(path, credential(githubToken(), "rot-1"), 0);
        assertThat(store.version(path, 7)).isEmpty();
    }

    @Test
    void worksInsideANamespaceWithDataAndMetadata() {
        String namespace = "ns" + mount;
        assertThat(http.call("POST", "sys/namespaces/" + namespace, endpoint.rootToken(), null).status()).isEqualTo(200);
        http.mountKvV2(mount, endpoint.rootToken(), namespace);
        VaultSecretStore store = store(new VaultSession(settings(Map.of("tokenwarden.vault.namespace", namespace)),
                Clock.systemUTC()));
        String path = CredentialTarget.vaultPath("read", "team-a", "cred-ns");

        assertThat(store.write(path, credential(githubToken(), "rot-ns"), 0)).isEqualTo(1L);
        store.describe(path, new SecretLabels("cred-ns", "read", CredentialKind.APP_INSTALLATION, "team-a", null, "rot-ns", null));

        assertThat(store.current(path).orElseThrow().data().rotationId()).isEqualTo("rot-ns");
        assertThat(store.metadata(path).custom()).containsEntry("consumer", "team-a");
        assertThat(rootStore().current(path)).as("the root namespace's mount of the same name is another one").isEmpty();
    }

    @Test
    void aDeniedWriteIsAPolicyProblemNamingThePathAndNotTheValue() {
        String readOnly = tokenWithPolicy("consumer-" + mount,
                "path \"" + mount + "/data/github/read/team-a/*\" { capabilities = [\"read\"] }\n", "1h");
        VaultSecretStore store = store(new VaultSession(settings(Map.of("tokenwarden.vault.auth.token", readOnly)),
                Clock.systemUTC()));
        String value = githubToken();

        assertThatThrownBy(() -> store.write(CredentialTarget.vaultPath("deployment", "team-b", "cred-2"), credential(value, "rot-1"), 0))
                .isInstanceOf(BrokerFailure.class).cause().isInstanceOfSatisfying(VaultAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.POLICY_DENIED);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(mount + "/github/deployment/team-b/cred-2").doesNotContain(value);
                });
        assertThatThrownBy(() -> store.current(CredentialTarget.vaultPath("deployment", "team-b", "cred-2")))
                .isInstanceOf(BrokerFailure.class).cause().isInstanceOfSatisfying(VaultAccessException.class,
                        e -> assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.POLICY_DENIED));
    }

    @Test
    void appRoleLogsInWritesAndRenewsItsTokenBeforeExpiry() {
        String auth = "ar" + mount;
        String rootToken = endpoint.rootToken();
        assertThat(http.call("POST", "sys/auth/" + auth, rootToken, Map.of("type", "approle")).status()).isEqualTo(204);
        http.call("PUT", "sys/policies/acl/broker-" + mount, rootToken, Map.of("policy",
                "path \"" + mount + "/data/github/*\" { capabilities = [\"create\", \"read\", \"update\"] }\n"
                        + "path \"" + mount + "/metadata/github/*\" { capabilities = [\"create\", \"read\", \"update\"] }\n"));
        http.call("POST", "auth/" + auth + "/role/broker", rootToken,
                Map.of("token_policies", List.of("broker-" + mount), "token_ttl", "1h", "token_max_ttl", "24h"));
        String roleId = http.call("GET", "auth/" + auth + "/role/broker/role-id", rootToken, null).body().path("data").path("role_id").asText();
        String secretId = http.call("POST", "auth/" + auth + "/role/broker/secret-id", rootToken, null).body().path("data").path("secret_id").asText();
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
        VaultSession session = new VaultSession(settings(Map.of("tokenwarden.vault.auth.method", "approle",
                "tokenwarden.vault.auth.approle-path", auth, "tokenwarden.vault.auth.role-id", roleId,
                "tokenwarden.vault.auth.secret-id", secretId)), clock);
        VaultSecretStore store = store(session);
        String path = CredentialTarget.vaultPath("read", "team-a", "cred-1");

        assertThat(store.write(path, credential(githubToken(), "rot-1"), 0)).isEqualTo(1L);
        Instant firstExpiry = session.expiresAt().orElseThrow();
        assertThat(firstExpiry).isBetween(clock.instant().plusSeconds(3000), clock.instant().plusSeconds(3600));
        String firstToken = session.token();

        session.renewIfDue();
        assertThat(session.expiresAt()).contains(firstExpiry);

        clock.advance(Duration.of(50, ChronoUnit.MINUTES));
        session.renewIfDue();

        assertThat(session.token()).isEqualTo(firstToken);
        assertThat(session.expiresAt().orElseThrow()).isAfter(clock.instant().plusSeconds(3000));
        assertThat(store.write(path, credential(githubToken(), "rot-2"), 1)).isEqualTo(2L);
        assertThat(logLines).noneMatch(line -> line.contains(secretId) || line.contains(firstToken));
    }

    @Test
    void aWrongAppRoleSecretIsAnAuthenticationProblem() {
        String auth = "ar" + mount;
        http.call("POST", "sys/auth/" + auth, endpoint.rootToken(), Map.of("type", "approle"));
        http.call("POST", "auth/" + auth + "/role/broker", endpoint.rootToken(), Map.of("token_policies", List.of("default")));
        String roleId = http.call("GET", "auth/" + auth + "/role/broker/role-id", endpoint.rootToken(), null).body().path("data").path("role_id").asText();
        String wrongSecret = UUID.randomUUID().toString();
        VaultSession session = new VaultSession(settings(Map.of("tokenwarden.vault.auth.method", "approle",
                "tokenwarden.vault.auth.approle-path", auth, "tokenwarden.vault.auth.role-id", roleId,
                "tokenwarden.vault.auth.secret-id", wrongSecret)), Clock.systemUTC());

        assertThatThrownBy(session::token).isInstanceOfSatisfying(VaultAccessException.class, e -> {
            assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.AUTHENTICATION);
            assertThat(e.getMessage()).contains("auth/" + auth).doesNotContain(wrongSecret);
        });
    }

    @Test
    void readinessIsUpWhenVaultIsUnsealedAndTheTokenWorks() {
        VaultReadiness readiness = new VaultReadiness(new VaultSession(settings(Map.of()), Clock.systemUTC()));

        HealthCheckResponse response = readiness.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getName()).isEqualTo("Vault");
    }

    @Test
    void noValueReachesALogLineOrAnExceptionMessage() {
        VaultSecretStore store = rootStore();
        String path = CredentialTarget.vaultPath("workflow", "ci", "cred-3");
        String value = githubToken();
        store.write(path, credential(value, "rot-1"), 0);
        assertThatThrownBy(() -> store.write(path, credential(value, "rot-2"), 0))
                .isInstanceOf(SecretStore.CasConflict.class).message().doesNotContain(value);
        store.current(path);
        VaultSecretStore wrongMount = store(new VaultSession(settings(Map.of("tokenwarden.vault.mount", "no-such-" + mount)),
                Clock.systemUTC()));

        assertThatThrownBy(() -> wrongMount.write(path, credential(value, "rot-3"), 0))
                .isInstanceOf(BrokerFailure.class).cause().isInstanceOfSatisfying(VaultAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(VaultAccessException.Problem.REJECTED);
                    assertThat(e.getMessage()).doesNotContain(value);
                });
        assertThat(credential(value, "rot-1").toString()).doesNotContain(value);
        assertThat(logLines).noneMatch(line -> line.contains(value));
    }
}
