package dev.tokenwarden.platform.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.rest.Rest;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.io.IOException;
import java.net.http.HttpClient;

/**
 * Builds {@code vault-java-driver} clients and raw REST requests that carry the service's settings: KV
 * engine version 2 set explicitly (auto-discovery is unreliable for nested mounts), timeouts, namespace.
 * Both share one HTTP client: left to itself the driver builds a new one, with its own selector thread and
 * file descriptors, for every request, which ran a busy service out of file descriptors.
 */
public final class VaultConnection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultSettings settings;
    private final HttpClient http;
    private String clientToken;
    private Vault client;

    public VaultConnection(VaultSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.openTimeout()).build();
    }

    public VaultSettings settings() {
        return settings;
    }

    /** A driver client authenticated with {@code token}; reused while the token stays the same. */
    public synchronized Vault client(String token) {
        if (client == null || !token.equals(clientToken)) {
            try {
                VaultConfig config = new VaultConfig()
                        .httpClient(http)
                        .address(address())
                        .token(token)
                        .engineVersion(2)
                        .openTimeout(seconds(settings.openTimeout()))
                        .readTimeout(seconds(settings.readTimeout()));
                if (settings.namespace().isPresent()) {
                    config.nameSpace(settings.namespace().get());
                }
                client = Vault.create(config.build(), 2);
                clientToken = token;
            } catch (VaultException e) {
                throw new VaultAccessException(VaultAccessException.Problem.REJECTED, 0,
                        "invalid Vault client settings for " + address());
            }
        }
        return client;
    }

    /** A raw request to {@code /v1/<apiPath>}, for what the driver has no call (KV v2 metadata, sys/health). */
    public Rest rest(String apiPath, String token) {
        Rest rest = new Rest(http)
                .url(address() + "/v1/" + apiPath)
                .header("X-Vault-Request", "true")
                .connectTimeoutSeconds(seconds(settings.openTimeout()))
                .readTimeoutSeconds(seconds(settings.readTimeout()));
        if (token != null && !token.isEmpty()) {
            rest.header("X-Vault-Token", token);
        }
        settings.namespace().ifPresent(namespace -> rest.header("X-Vault-Namespace", namespace));
        return rest;
    }

    /** An answer's body as JSON; an empty object for an empty or unreadable body, so the status decides. */
    public static JsonNode json(RestResponse answer) {
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

    private String address() {
        return settings.address().orElseThrow(() -> new VaultAccessException(VaultAccessException.Problem.REJECTED, 0,
                "tokenwarden.vault.address is not set"));
    }

    private static int seconds(java.time.Duration duration) {
        return (int) Math.max(1, Math.ceil(duration.toMillis() / 1000.0));
    }
}
