package dev.tokenwarden.broker.infra.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.events.CredentialKind;
import io.github.jopenlibs.vault.api.WriteOptions;
import io.github.jopenlibs.vault.rest.RestResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The broker's one way into Vault: credentials in the KV v2 mount at {@code github/<tier>/<consumer>/<id>},
 * written with check-and-set so a version is never overwritten unseen, read back by version, and
 * described by custom metadata (owner, tier). Every answer's status is checked; outcomes other than
 * success and a check-and-set conflict are {@link VaultAccessException}s that never carry the value.
 *
 * <p>Data fields: {@code token}, {@code expires_at} (ISO-8601), {@code kind} (wire name), {@code permissions}
 * ({@code name:level} joined by commas), {@code repositories} ({@code owner/name} joined by commas),
 * {@code rotation_id}.
 */
@ApplicationScoped
public class VaultCredentialStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAS_MISMATCH = "check-and-set parameter did not match";

    private final VaultSession session;
    private final VaultConnection connection;
    private final VaultRetry retry;

    @Inject
    public VaultCredentialStore(VaultSession session) {
        this(session, duration -> Thread.sleep(duration));
    }

    VaultCredentialStore(VaultSession session, VaultRetry.Sleeper sleeper) {
        this.session = session;
        this.connection = session.connection();
        this.retry = new VaultRetry(session, connection.settings().retry(), sleeper);
    }

    /**
     * Writes {@code credential} as the next version if the path is at {@code expectedVersion} now (0: the
     * path must not exist yet), as the mount's {@code cas_required} demands.
     */
    public WriteOutcome write(CredentialPath path, StoredCredential credential, long expectedVersion) {
        String logicalPath = mount() + "/" + path.relative();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("token", credential.token());
        data.put("expires_at", credential.expiresAt().toString());
        data.put("kind", JSON.convertValue(credential.kind(), String.class));
        data.put("permissions", credential.permissions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + ":" + entry.getValue()).collect(Collectors.joining(",")));
        data.put("repositories", String.join(",", credential.repositories()));
        data.put("rotation_id", credential.rotationId());
        WriteOptions cas = new WriteOptions().checkAndSet(expectedVersion).build();
        String what = "write of " + logicalPath + " at version " + expectedVersion;
        RestResponse answer = retry.execute(what,
                token -> connection.client(token).logical().write(logicalPath, data, null, cas).getRestResponse());
        JsonNode body = parse(answer);
        if (answer.getStatus() == 200) {
            return new WriteOutcome.Written(body.path("data").path("version").asLong());
        }
        String errors = body.path("errors").toString().replace(credential.token(), "<redacted>");
        if (answer.getStatus() == 400 && errors.contains(CAS_MISMATCH)) {
            return new WriteOutcome.CasConflict(expectedVersion);
        }
        throw rejected(what, answer.getStatus(), errors);
    }

    /** The current version, if the path has one that is neither deleted nor destroyed. */
    public Optional<StoredVersion> readLatest(CredentialPath path) {
        String logicalPath = mount() + "/" + path.relative();
        return read(path, "read of " + logicalPath,
                token -> connection.client(token).logical().read(logicalPath).getRestResponse());
    }

    /** One version, if it exists and is neither deleted nor destroyed. */
    public Optional<StoredVersion> read(CredentialPath path, long version) {
        String logicalPath = mount() + "/" + path.relative();
        return read(path, "read of " + logicalPath + " version " + version,
                token -> connection.client(token).logical().read(logicalPath, true, (int) version).getRestResponse());
    }

    private Optional<StoredVersion> read(CredentialPath path, String what, VaultRetry.Call call) {
        RestResponse answer = retry.execute(what, call);
        if (answer.getStatus() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        JsonNode data = body.path("data").path("data");
        JsonNode metadata = body.path("data").path("metadata");
        StoredCredential credential = new StoredCredential(
                data.path("token").asText(),
                Instant.parse(data.path("expires_at").asText()),
                JSON.convertValue(data.path("kind").asText(), CredentialKind.class),
                permissions(data.path("permissions").asText("")),
                split(data.path("repositories").asText("")),
                data.path("rotation_id").asText());
        return Optional.of(new StoredVersion(path, metadata.path("version").asLong(),
                Instant.parse(metadata.path("created_time").asText()), credential));
    }

    /** The path's current version and custom metadata; {@link CredentialMetadata#NONE} when it was never written. */
    public CredentialMetadata metadata(CredentialPath path) {
        String apiPath = mount() + "/metadata/" + path.relative();
        String what = "metadata read of " + apiPath;
        RestResponse answer = retry.execute(what, token -> connection.rest(apiPath, token).get());
        if (answer.getStatus() == 404) {
            return CredentialMetadata.NONE;
        }
        JsonNode body = parse(answer);
        if (answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), body.path("errors").toString());
        }
        JsonNode data = body.path("data");
        JsonNode custom = data.path("custom_metadata");
        return new CredentialMetadata(data.path("current_version").asLong(),
                text(custom.path("owner")), text(custom.path("tier")));
    }

    /** Sets the path's custom metadata (owner, tier), replacing what was there. */
    public void writeMetadata(CredentialPath path, String owner, String tier) {
        String apiPath = mount() + "/metadata/" + path.relative();
        String what = "metadata write of " + apiPath;
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("custom_metadata", Map.of("owner", owner, "tier", tier)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RestResponse answer = retry.execute(what, token -> connection.rest(apiPath, token).body(body).post());
        if (answer.getStatus() != 204 && answer.getStatus() != 200) {
            throw rejected(what, answer.getStatus(), parse(answer).path("errors").toString());
        }
    }

    private String mount() {
        return connection.settings().mount();
    }

    private static VaultAccessException rejected(String what, int status, String errors) {
        return new VaultAccessException(VaultAccessException.Problem.REJECTED, status,
                "Vault refused " + what + " with HTTP " + status + ": " + errors);
    }

    private static JsonNode parse(RestResponse answer) {
        byte[] body = answer.getBody();
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
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
