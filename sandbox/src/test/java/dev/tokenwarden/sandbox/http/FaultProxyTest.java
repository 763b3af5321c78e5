package dev.tokenwarden.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.sandbox.vault.InMemoryVaultServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The proxy forwards requests with their headers and bodies, answers 503 while told to, and forwards again after. */
class FaultProxyTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void forwardsThenRefusesThenForwardsAgain() throws Exception {
        try (InMemoryVaultServer vault = InMemoryVaultServer.start(); FaultProxy proxy = FaultProxy.start(vault.address())) {
            HttpRequest mount = HttpRequest.newBuilder(URI.create(proxy.address() + "/v1/sys/mounts/secret"))
                    .header("X-Vault-Token", vault.rootToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}")).build();
            assertThat(http.send(mount, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
            HttpRequest write = HttpRequest.newBuilder(URI.create(proxy.address() + "/v1/secret/data/proxy-test"))
                    .header("X-Vault-Token", vault.rootToken())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"a\":\"b\"}}")).build();
            HttpRequest read = HttpRequest.newBuilder(URI.create(proxy.address() + "/v1/secret/data/proxy-test"))
                    .header("X-Vault-Token", vault.rootToken()).build();

            java.util.concurrent.atomic.AtomicInteger interludes = new java.util.concurrent.atomic.AtomicInteger();
            proxy.onNextForwarded("POST", "/secret/data/", interludes::incrementAndGet);
            assertThat(http.send(write, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(write, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(interludes).as("once, after the write was done").hasValue(1);
            proxy.answerUnavailable("{\"errors\":[\"Vault is sealed\"]}");
            HttpResponse<String> refused = http.send(read, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("sealed");
            proxy.heal();
            HttpResponse<String> forwarded = http.send(read, HttpResponse.BodyHandlers.ofString());

            assertThat(forwarded.statusCode()).isEqualTo(200);
            assertThat(forwarded.body()).contains("\"a\":\"b\"");
            assertThat(proxy.refusedRequests()).isEqualTo(1);
        }
    }
}
