package dev.tokenwarden.notifier.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tokenwarden.notifier.domain.AddressRange;
import dev.tokenwarden.notifier.domain.SendResult;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinnedHttpClientTest {
    private final CountDownLatch slowArrived = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private HttpServer server;
    private Vertx vertx;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            slowArrived.countDown();
            try {
                releaseSlow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/fast", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aReceiverWhoseAttemptsAreAllOutLeavesConnectionsForAnotherOnTheSameServer() throws Exception {
        // Two receivers on one server, one attempt in flight each: the slow one's attempt holds a connection
        // until released, and the fast one's must be answered meanwhile, not queued behind it in the pool.
        PinnedHttpClient client = new PinnedHttpClient(vertx, List.of(AddressRange.parse("127.0.0.1/32")),
                Duration.ofSeconds(5), PinnedHttpClient.connectionsPerServer(1, 2), Clock.systemUTC());
        CompletableFuture<SendResult> slow = CompletableFuture.supplyAsync(() -> client.post(url("/slow"), Map.of(), new byte[0]),
                Executors.newVirtualThreadPerTaskExecutor());
        assertTrue(slowArrived.await(10, TimeUnit.SECONDS), "the slow receiver got its request");

        SendResult fast = client.post(url("/fast"), Map.of(), new byte[0]);

        assertFalse(slow.isDone(), "the fast receiver was answered while the slow one still held its connection");
        assertTrue(fast.delivered(), fast.detail());
        releaseSlow.countDown();
        assertTrue(slow.get(10, TimeUnit.SECONDS).delivered());
    }

    @Test
    void theConnectionsPerServerCoverEveryReceiversAttemptsInFlight() {
        assertEquals(48, PinnedHttpClient.connectionsPerServer(16, 3));
        assertEquals(16, PinnedHttpClient.connectionsPerServer(16, 0));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
