package dev.tokenwarden.broker.infra.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.PendingUploads;
import dev.tokenwarden.broker.domain.RefreshGrant;
import dev.tokenwarden.broker.domain.RefreshGrants;
import dev.tokenwarden.broker.domain.RotationOrder;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.SecretLabels;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.platform.vault.VaultAccessException;
import dev.tokenwarden.platform.vault.VaultConnection;
import dev.tokenwarden.platform.vault.VaultRetry;
import dev.tokenwarden.platform.vault.VaultSession;
import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.rest.RestResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The broker's {@link SecretStore} in Vault: credentials in the KV v2 mount at paths such as
 * {@code github/<tier>/<consumer>/<id>} (relative to the mount), written with check-and-set so a version is
 * never overwritten unseen, read back by version, and described by custom metadata ({@link SecretLabels}). Every
 * answer's status is checked; a stale expected version is a {@link CasConflict}, anything else that is not
 * success a {@link BrokerFailure} caused by a {@link VaultAccessException}; neither ever carries the value.
 *
 * <p>Data fields: {@code token}, {@code expires_at} (ISO-8601, absent when GitHub gives no expiry),
 * {@code kind} (wire name), {@code permissions} ({@code name:level} joined by commas), {@code repositories}
 * ({@code owner/name} joined by commas), {@code rotation_id}. Custom metadata: {@code credential_id},
 * {@code tier}, {@code kind}, {@code consumer}, {@code owner}, {@code rotation_id}, {@code expires_at}.
 *
 * <p>{@link PendingUploads} live at {@link CredentialTarget#pendingUploadPath}, one KV entry per credential
 * with the order's fields ({@code rotation_id}, {@code credential_id}, {@code kind}, {@code tier},
 * {@code consumer}, {@code repositories}, {@code owner}, {@code attempt}, {@code reason}); a removed one is
 * its latest version soft-deleted.
 *
 * <p>{@link RefreshGrant}s live at {@link CredentialTarget#refreshGrantPath}: {@code refresh_token},
 * {@code refresh_expires_at}, {@code access_token}, {@code access_expires_at}, {@code state} ({@code authorised},
 * {@code ready}, {@code refreshing}) and {@code rotation_id} (absent in an operator's {@code authorised} pair), the
 * expiries and state also as custom metadata. A GitHub App's client secret is the field {@code client_secret} at
 * {@link CredentialTarget#clientSecretPath}.
 */
@ApplicationScoped
public class VaultSecretStore implements SecretStore, PendingUploads, RefreshGrants {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAS_MISMATCH = "check-and-set parameter did not match";

    private final VaultConnection connection;
    private final VaultRetry retry;

    @Inject
    public VaultSecretStore(VaultSession session) {
        this(session, duration -> Thread.sleep(duration));
    }

    VaultSecretStore(VaultSession session, VaultRetry.Sleeper sleeper) {
        this.connection = session.connection();
        this.retry = new VaultRetry(session, connection.settings().retry(), sleeper);
    }

    @Override
    public long write(String path, SecretData data, long expectedVersion) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("token", data.token().reveal());
        if (data.expiresAt() != null) {
            fields.put("expires_at", data.expiresAt().toString());
        }
        fields.put("kind", JSON.convertValue(data.kind(), String.class));
        fields.put("permissions", data.permissions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(",")));
        fields.put("repositories", String.join(",", data.repositories()));
        fields.put("rotation_id", data.rotationId());
        return writeFields(path, fields, expectedVersion, List.of(data.token()));
    }

    /** A check-and-set write of {@code fields}; Vault's error text is cleared of the {@code values} before it reaches a message. */
    private long writeFields(String path, Map<String, Object> fields, long expectedVersion, List<Secret> values) {
        String logicalPath = mount() + "/" + path;
        WriteOptions cas = new WriteOptions().checkAndSet(expectedVersion).build();
        String what = "write of " + logicalPath + " at version " + expectedVersion;
        RestResponse answer = execute(what,
                token -> connection.client(token).logical().write(logicalPath, fields, null, cas).getRestResponse());
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() == 200) {
            return body.path("data").path("version").asLong();
        }
        String errors = body.path("errors").toString();
        for (Secret value : values) {
            errors = errors.replace(value.reveal(), "<redacted>");
        }
        if (answer.getStatus() == 400 && errors.contains(CAS_MISMATCH)) {
            throw new CasConflict(logicalPath, expectedVersion);
        }
        throw rejected(what, answer.getStatus(), errors);
    }

    @Override
    public Optional<StoredSecret> current(String path) {
        String logicalPath = mount() + "/" + path;
        return read("read of " + logicalPath,
                token -> connection.client(token).logical().read(logicalPath).getRestResponse());
    }

    @Override
    public Optional<StoredSecret> version(String path, long version) {
        String logicalPath = mount() + "/" + path;
        return read("read of " + logicalPath + " version " + version,
                token -> connection.client(token).logical().read(logicalPath, true, (int) version).getRestResponse());
    }

    private Optional<StoredSecret> read(String what, VaultRetry.Call call) {
        RestResponse answer = execute(what, call);
        if (answer.getStatus() == 404) {
            return Optional.empty();
        }
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        JsonNode data = body.path("data").path("data");
        JsonNode expiresAt = data.path("expires_at");
        SecretData secret = new SecretData(
                Secret.of(data.path("token").asText()),
                expiresAt.isTextual() ? Instant.parse(expiresAt.asText()) : null,
                JSON.convertValue(data.path("kind").asText(), CredentialKind.class),
                permissions(data.path("permissions").asText("")),
                split(data.path("repositories").asText("")),
                data.path("rotation_id").asText());
        return Optional.of(new StoredSecret(body.path("data").path("metadata").path("version").asLong(), secret));
    }

    /** The path's current version and custom metadata; {@link CredentialMetadata#NONE} when it was never written. */
    public CredentialMetadata metadata(String path) {
        String apiPath = mount() + "/metadata/" + path;
        String what = "metadata read of " + apiPath;
        RestResponse answer = execute(what, token -> connection.rest(apiPath, token).get());
        if (answer.getStatus() == 404) {
            return CredentialMetadata.NONE;
        }
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        JsonNode data = body.path("data");
        Map<String, String> custom = new TreeMap<>();
        data.path("custom_metadata").properties().forEach(field -> {
            if (field.getValue().isTextual()) {
                custom.put(field.getKey(), field.getValue().asText());
            }
        });
        return new CredentialMetadata(data.path("current_version").asLong(), custom);
    }

    /**
     * Writes the labels as {@code custom_metadata} through the driver's raw REST client (the driver has no
     * metadata call), merged over what is there: KV v2 replaces the whole map on each write.
     */
    @Override
    public void describe(String path, SecretLabels labels) {
        writeCustomMetadata(path, customMetadata(labels));
    }

    /** Merges {@code labels} over the path's custom metadata (KV v2 replaces the whole map on each write). */
    private void writeCustomMetadata(String path, Map<String, String> labels) {
        Map<String, String> custom = new TreeMap<>(metadata(path).custom());
        custom.putAll(labels);
        String apiPath = mount() + "/metadata/" + path;
        String what = "metadata write of " + apiPath;
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("custom_metadata", custom));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RestResponse answer = execute(what, token -> connection.rest(apiPath, token).body(body).post());
        if (answer.getStatus() != 204 && answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), VaultConnection.json(answer).path("errors").toString());
        }
    }

    /** Vault's custom metadata holds strings only; absent labels are left out so earlier values stay. */
    private static Map<String, String> customMetadata(SecretLabels labels) {
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("credential_id", labels.credentialId());
        custom.put("tier", labels.tier());
        custom.put("kind", JSON.convertValue(labels.kind(), String.class));
        custom.put("consumer", labels.consumer());
        custom.put("rotation_id", labels.rotationId());
        if (labels.owner() != null) {
            custom.put("owner", labels.owner());
        }
        if (labels.expiresAt() != null) {
            custom.put("expires_at", labels.expiresAt().toString());
        }
        return custom;
    }

    @Override
    public Optional<Versioned> grant(String credentialId) {
        return readData(CredentialTarget.refreshGrantPath(credentialId)).map(body -> {
            JsonNode data = body.path("data").path("data");
            JsonNode rotation = data.path("rotation_id");
            RefreshGrant grant = new RefreshGrant(Secret.of(data.path("refresh_token").asText()), instant(data.path("refresh_expires_at")),
                    Secret.of(data.path("access_token").asText()), instant(data.path("access_expires_at")),
                    RefreshGrant.State.valueOf(data.path("state").asText("authorised").toUpperCase(Locale.ROOT)),
                    rotation.isTextual() ? rotation.asText() : null);
            return new Versioned(body.path("data").path("metadata").path("version").asLong(), grant);
        });
    }

    @Override
    public long write(String credentialId, RefreshGrant grant, long expectedVersion) {
        String path = CredentialTarget.refreshGrantPath(credentialId);
        Map<String, String> described = new LinkedHashMap<>();
        described.put("credential_id", credentialId);
        described.put("state", grant.state().name().toLowerCase(Locale.ROOT));
        if (grant.refreshExpiresAt() != null) {
            described.put("refresh_expires_at", grant.refreshExpiresAt().toString());
        }
        if (grant.accessExpiresAt() != null) {
            described.put("access_expires_at", grant.accessExpiresAt().toString());
        }
        Map<String, Object> fields = new LinkedHashMap<>(described);
        fields.remove("credential_id");
        fields.put("refresh_token", grant.refreshToken().reveal());
        fields.put("access_token", grant.accessToken().reveal());
        if (grant.rotationId() != null) {
            fields.put("rotation_id", grant.rotationId());
        }
        long version = writeFields(path, fields, expectedVersion, List.of(grant.refreshToken(), grant.accessToken()));
        writeCustomMetadata(path, described);
        return version;
    }

    @Override
    public Optional<Secret> clientSecret(long appId) {
        return readData(CredentialTarget.clientSecretPath(appId))
                .map(body -> body.path("data").path("data").path("client_secret"))
                .filter(JsonNode::isTextual)
                .map(secret -> Secret.of(secret.asText()));
    }

    private static Instant instant(JsonNode text) {
        return text.isTextual() ? Instant.parse(text.asText()) : null;
    }

    @Override
    public void save(RotationOrder order) {
        String path = CredentialTarget.pendingUploadPath(order.target().credentialId());
        String logicalPath = mount() + "/" + path;
        long expectedVersion = metadata(path).currentVersion();
        WriteOptions cas = new WriteOptions().checkAndSet(expectedVersion).build();
        String what = "write of " + logicalPath + " at version " + expectedVersion;
        RestResponse answer = execute(what,
                token -> connection.client(token).logical().write(logicalPath, pendingFields(order), null, cas).getRestResponse());
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), VaultConnection.json(answer).path("errors").toString());
        }
    }

    @Override
    public void remove(RotationOrder order) {
        String path = CredentialTarget.pendingUploadPath(order.target().credentialId());
        Optional<JsonNode> kept = readData(path).filter(body -> order.rotationId()
                .equals(body.path("data").path("data").path("rotation_id").asText()));
        if (kept.isEmpty()) {
            return;
        }
        String apiPath = mount() + "/delete/" + path;
        String what = "delete of " + apiPath;
        byte[] versions;
        try {
            versions = JSON.writeValueAsBytes(Map.of("versions", List.of(kept.get().path("data").path("metadata").path("version").asLong())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RestResponse answer = execute(what, token -> connection.rest(apiPath, token).body(versions).post());
        if (answer.getStatus() != 204 && answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), VaultConnection.json(answer).path("errors").toString());
        }
    }

    @Override
    public List<RotationOrder> all() {
        String apiPath = mount() + "/metadata/" + CredentialTarget.PENDING_UPLOADS;
        String what = "list of " + apiPath;
        RestResponse answer = execute(what, token -> connection.rest(apiPath, token).parameter("list", "true").get());
        if (answer.getStatus() == 404) {
            return List.of();
        }
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        List<RotationOrder> orders = new ArrayList<>();
        for (JsonNode key : body.path("data").path("keys")) {
            readData(CredentialTarget.pendingUploadPath(key.asText()))
                    .map(kept -> order(kept.path("data").path("data")))
                    .ifPresent(orders::add);
        }
        return orders;
    }

    private Optional<JsonNode> readData(String path) {
        String logicalPath = mount() + "/" + path;
        String what = "read of " + logicalPath;
        RestResponse answer = execute(what, token -> connection.client(token).logical().read(logicalPath).getRestResponse());
        if (answer.getStatus() == 404) {
            return Optional.empty();
        }
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        return Optional.of(body);
    }

    /** The order's credential described as its custom metadata is, plus what the order adds. */
    private static Map<String, Object> pendingFields(RotationOrder order) {
        CredentialTarget target = order.target();
        Map<String, Object> fields = new LinkedHashMap<>(customMetadata(new SecretLabels(target.credentialId(), target.tier(),
                target.kind(), target.consumer(), target.owner(), order.rotationId(), null)));
        fields.put("repositories", String.join(",", target.repositories()));
        fields.put("attempt", Integer.toString(order.attempt()));
        fields.put("reason", JSON.convertValue(order.reason(), String.class));
        return fields;
    }

    private static RotationOrder order(JsonNode data) {
        JsonNode owner = data.path("owner");
        CredentialTarget target = new CredentialTarget(data.path("credential_id").asText(),
                JSON.convertValue(data.path("kind").asText(), CredentialKind.class), data.path("tier").asText(),
                data.path("consumer").asText(), split(data.path("repositories").asText("")), owner.isTextual() ? owner.asText() : null);
        return new RotationOrder(data.path("rotation_id").asText(), target, Integer.parseInt(data.path("attempt").asText("1")),
                JSON.convertValue(data.path("reason").asText(), RotationReason.class));
    }

    private String mount() {
        return connection.settings().mount();
    }

    /** The retried call; a Vault failure becomes the {@link BrokerFailure} the broker's domain handles. */
    private RestResponse execute(String what, VaultRetry.Call call) {
        try {
            return retry.execute(what, call);
        } catch (VaultAccessException e) {
            throw new BrokerFailure(e.getMessage(), e.retryable(), e);
        }
    }

    private static BrokerFailure rejected(String what, int status, String errors) {
        String message = "Vault refused " + what + " with HTTP " + status + ": " + errors;
        return new BrokerFailure(message, false, new VaultAccessException(VaultAccessException.Problem.REJECTED, status, message));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Map<String, String> permissions(String joined) {
        Map<String, String> permissions = new LinkedHashMap<>();
        for (String pair : split(joined)) {
            int colon = pair.indexOf(':');
            permissions.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return permissions;
    }
}
