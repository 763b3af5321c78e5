package dev.tokenwarden.localstack;

import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/** Requests the local stack itself makes to Vault with the root token, to set the stack up; no service ever gets that token. */
public final class VaultAsRoot {
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private VaultAsRoot() {
    }

    /** {@code path} from {@code /v1/} on. */
    public static HttpRequest.Builder request(VaultEndpoint vault, String path) {
        return HttpRequest.newBuilder(URI.create(vault.address() + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Vault-Token", vault.rootToken())
                .header("X-Vault-Request", "true");
    }
}
