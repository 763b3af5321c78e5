package dev.tokenwarden.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The notifier's webhook receiver: a JDK HTTP server on loopback that records every delivery and can be made slow. */
final class WebhookSink implements AutoCloseable {
    /** One delivery as received: the Standard Webhooks id and the JSON body. */
    record Delivery(String webhookId, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    private WebhookSink(HttpServer server) {
        this.server = server;
        server.createContext("/hook", this::receive);
        server.setExecutor(executor);
    }

    static WebhookSink start() throws IOException {
        WebhookSink sink = new WebhookSink(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        sink.server.start();
        return sink;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answer each delivery only after {@code delay}, as a slow receiver does. */
    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    List<Delivery> all() {
        return List.copyOf(deliveries);
    }

    /** Deliveries whose body mentions {@code text} (an incident key). */
    List<Delivery> deliveriesMentioning(String text) {
        return deliveries.stream().filter(delivery -> delivery.body().contains(text)).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"), body));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
