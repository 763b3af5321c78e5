package dev.tokenwarden.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP reverse proxy on a free loopback port in front of one server (a real Vault, say), for fault tests that
 * must not touch the server or the client: it forwards every request unchanged until told to answer
 * {@code 503 Service Unavailable} itself, as a sealed or overloaded server does, and counts what it refused. It is also
 * a crash point from the outside: {@link #onNextForwarded} runs an action (killing the client, say) after the server
 * has done a request and before the client hears of it.
 */
public final class FaultProxy implements AutoCloseable {
    /** Hop-by-hop and length headers the JDK client sets itself; the rest pass through both ways. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile String unavailableBody;
    private final java.util.List<Interlude> interludes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Interlude(String method, String pathContains, Runnable action) {
    }

    private FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    /** A proxy to {@code target} (scheme, host and port; no path), already listening. */
    public static FaultProxy start(String target) {
        try {
            FaultProxy proxy = new FaultProxy(URI.create(target));
            proxy.server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a proxy on a loopback port", e);
        }
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request is answered {@code 503} with {@code jsonBody}, until {@link #heal()}. */
    public void answerUnavailable(String jsonBody) {
        unavailableBody = jsonBody;
    }

    /** Forward every request again. */
    public void heal() {
        unavailableBody = null;
    }

    /**
     * Runs {@code action} once, when the next {@code method} request whose path contains {@code pathContains} has been
     * answered by the server with a 2xx and before that answer is passed on.
     */
    public void onNextForwarded(String method, String pathContains, Runnable action) {
        interludes.add(new Interlude(method, pathContains, action));
    }

    /** How many requests were answered {@code 503} by the proxy since it started. */
    public int refusedRequests() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String unavailable = unavailableBody;
            if (unavailable != null) {
                refused.incrementAndGet();
                respond(exchange, 503, unavailable.getBytes(StandardCharsets.UTF_8), "application/json");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                respond(exchange, 502, new byte[0], null);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (answer.statusCode() / 100 == 2) {
                interludes.stream()
                        .filter(i -> i.method().equals(exchange.getRequestMethod()) && path.contains(i.pathContains()))
                        .findFirst()
                        .filter(interludes::remove)
                        .ifPresent(i -> i.action().run());
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            respond(exchange, answer.statusCode(), answer.body(), null);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
