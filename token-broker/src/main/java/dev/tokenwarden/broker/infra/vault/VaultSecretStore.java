package dev.tokenwarden.broker.infra.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.PendingUploads;
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
 */
@ApplicationScoped
public class VaultSecretStore implements SecretStore, PendingUploads {
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
        String logicalPath = mount() + "/" + path;
        String value = data.token().reveal();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("token", value);
        if (data.expiresAt() != null) {
            fields.put("expires_at", data.expiresAt().toString());
        }
        fields.put("kind", JSON.convertValue(data.kind(), String.class));
        fields.put("permissions", data.permissions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(",")));
        fields.put("repositories", String.join(",", data.repositories()));
        fields.put("rotation_id", data.rotationId());
        WriteOptions cas = new WriteOptions().checkAndSet(expectedVersion).build();
        String what = "write of " + logicalPath + " at version " + expectedVersion;
        RestResponse answer = execute(what,
                token -> connection.client(token).logical().write(logicalPath, fields, null, cas).getRestResponse());
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() == 200) {
            return body.path("data").path("version").asLong();
        }
        String errors = body.path("errors").toString().replace(value, "<redacted>");
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
        Map<String, String> custom = new TreeMap<>(metadata(path).custom());
        custom.putAll(customMetadata(labels));
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
        Optional<JsonNode> kept = readPending(path).filter(body -> order.rotationId()
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
            readPending(CredentialTarget.pendingUploadPath(key.asText()))
                    .map(kept -> order(kept.path("data").path("data")))
                    .ifPresent(orders::add);
        }
        return orders;
    }

    private Optional<JsonNode> readPending(String path) {
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
