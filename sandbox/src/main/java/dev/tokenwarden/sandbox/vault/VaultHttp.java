package dev.tokenwarden.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Raw Vault HTTP calls for tests and the local stack: what {@code vault-java-driver} has no method for
 * (mounts, policies, AppRole setup, metadata), and checks of exact statuses and bodies.
 */
public final class VaultHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String address;

    public VaultHttp(String address) {
        this.address = address;
    }

    public record Reply(int status, JsonNode body) {
        /** Vault's {@code errors} array as JSON text. */
        public String errors() {
            return body.path("errors").toString();
        }
    }

    /**
     * Mounts KV version 2 at {@code mount} and waits until it serves requests: a new KV v2 mount upgrades
     * itself first, and on a loaded machine a write in that window is refused.
     */
    public void mountKvV2(String mount, String token) {
        mountKvV2(mount, token, null);
    }

    /** As {@link #mountKvV2(String, String)}, inside {@code namespace} (null for the root namespace). */
    public void mountKvV2(String mount, String token, String namespace) {
        Reply mounted = call("POST", "sys/mounts/" + mount, token, namespace, Map.of("type", "kv", "options", Map.of("version", "2")));
        if (mounted.status() != 204) {
            throw new IllegalStateException("mounting " + mount + " answered " + mounted.status() + ": " + mounted.errors());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (call("GET", mount + "/config", token, namespace, null).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the KV v2 mount " + mount + " did not become ready within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** {@code method /v1/path} with {@code token} (may be null) and {@code body} as JSON (may be null). */
    public Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, null, body);
    }

    public Reply call(String method, String path, String token, String namespace, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
            if (token != null) {
                request.header("X-Vault-Token", token);
            }
            if (namespace != null) {
                request.header("X-Vault-Namespace", namespace);
            }
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? MissingNode.getInstance() : MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
