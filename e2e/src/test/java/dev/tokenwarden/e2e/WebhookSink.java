package dev.tokenwarden.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        /** Whether this message reports {@code incidentKey} as firing. */
        boolean fires(String incidentKey) {
            return lists(incidentKey, "firing");
        }

        /** Whether this message reports {@code incidentKey} as resolved. */
        boolean resolves(String incidentKey) {
            return lists(incidentKey, "resolved");
        }

        /** The severity this message gives the firing {@code incidentKey}, or empty text. */
        String severityOf(String incidentKey) {
            for (JsonNode incident : json().path("data").path("firing")) {
                if (incidentKey.equals(incident.path("incidentKey").asText())) {
                    return incident.path("severity").asText();
                }
            }
            return "";
        }

        private boolean lists(String incidentKey, String list) {
            for (JsonNode incident : json().path("data").path(list)) {
                if (incidentKey.equals(incident.path("incidentKey").asText())) {
                    return true;
                }
            }
            return false;
        }

        private JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the notifier delivered a body that is not JSON", e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private final java.util.Map<String, Runnable> interludes = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Consumer<String> log;

    private WebhookSink(HttpServer server, java.util.function.Consumer<String> log) {
        this.server = server;
        this.log = log;
        server.createContext("/hook", this::receive);
        server.setExecutor(executor);
    }

    /** Starts the receiver; every delivery is also written to {@code log}, so the leak guard reads what it received. */
    static WebhookSink start(java.util.function.Consumer<String> log) throws IOException {
        WebhookSink sink = new WebhookSink(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), log);
        sink.server.start();
        return sink;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answer each delivery only after {@code delay}, as a slow receiver does (zero: at once again). */
    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /**
     * Runs {@code action} once, when the next message firing {@code incidentKey} has been received and before it is
     * answered: a crash point from outside for the notifier (the receiver has it, the notifier has not logged it).
     */
    void onNextFiring(String incidentKey, Runnable action) {
        interludes.put(incidentKey, action);
    }

    List<Delivery> all() {
        return List.copyOf(deliveries);
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
            Delivery delivery = new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"), body);
            log.accept(delivery.webhookId() + " " + body);
            deliveries.add(delivery);
            for (String key : java.util.List.copyOf(interludes.keySet())) {
                if (delivery.fires(key)) {
                    java.util.Optional.ofNullable(interludes.remove(key)).ifPresent(Runnable::run);
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
