package dev.tokenwarden.platform.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jopenlibs.vault.rest.RestResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the current version of one secret in the service's KV v2 mount ({@code tokenwarden.vault.mount}) with the
 * service's own Vault token, retried as {@link VaultRetry} does. Every status is checked: 404 is "no such secret",
 * anything else but 200 a {@link VaultAccessException} naming the path and never a value.
 */
@ApplicationScoped
public class KvSecretReader {
    private final VaultConnection connection;
    private final VaultRetry retry;

    @Inject
    public KvSecretReader(VaultSession session) {
        this(session, duration -> Thread.sleep(duration));
    }

    public KvSecretReader(VaultSession session, VaultRetry.Sleeper sleeper) {
        this.connection = session.connection();
        this.retry = new VaultRetry(session, connection.settings().retry(), sleeper);
    }

    /** The current version at {@code path}, relative to the mount; empty when there is none (or it was deleted). */
    public Optional<KvSecret> current(String path) {
        String logicalPath = connection.settings().mount() + "/" + path;
        String what = "read of " + logicalPath;
        RestResponse answer = retry.execute(what, token -> connection.client(token).logical().read(logicalPath).getRestResponse());
        if (answer.getStatus() == 404) {
            return Optional.empty();
        }
        JsonNode body = VaultConnection.json(answer);
        if (answer.getStatus() != 200) {
            throw new VaultAccessException(VaultAccessException.Problem.REJECTED, answer.getStatus(),
                    "Vault refused " + what + " with HTTP " + answer.getStatus() + ": " + body.path("errors"));
        }
        Map<String, String> data = new LinkedHashMap<>();
        body.path("data").path("data").properties().forEach(field -> {
            if (field.getValue().isValueNode()) {
                data.put(field.getKey(), field.getValue().asText());
            }
        });
        return Optional.of(new KvSecret(body.path("data").path("metadata").path("version").asLong(), data));
    }
}
