package dev.tokenwarden.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * DEV ONLY: an in-memory server speaking the part of Vault's HTTP API tokenwarden uses (KV v2, ACL
 * policies, tokens, AppRole, namespaces header, {@code sys/health}), on loopback, for tests and the local
 * stack where no real Vault or OpenBao runs. Nothing is persisted or encrypted. It must pass the same
 * contract suite as OpenBao; {@link #seal(boolean)} makes it answer 503 like a sealed Vault.
 */
public final class InMemoryVaultServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InMemoryVaultServer.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final VaultApi api;
    private final String rootToken;

    private InMemoryVaultServer(HttpServer server, ExecutorService executor, VaultApi api, String rootToken) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.rootToken = rootToken;
    }

    /** Starts on a free loopback port with a random root token and the system clock. */
    public static InMemoryVaultServer start() {
        return start(0, Clock.systemUTC());
    }

    /** Starts on {@code port} (0 for a free one); token TTLs and timestamps follow {@code clock}. */
    public static InMemoryVaultServer start(int port, Clock clock) {
        String rootToken = "s." + TokenStore.randomId(24);
        VaultApi api = new VaultApi(clock, rootToken);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            InMemoryVaultServer vault = new InMemoryVaultServer(server, executor, api, rootToken);
            server.createContext("/v1/", vault::exchange);
            server.setExecutor(executor);
            server.start();
            LOG.warning(() -> "DEV ONLY: in-memory Vault-API server at " + vault.address()
                    + ": no persistence, no encryption, no TLS. Never put a real credential in it.");
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the in-memory Vault-API server", e);
        }
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String rootToken() {
        return rootToken;
    }

    /** {@code true}: every request but {@code sys/health} answers 503 "Vault is sealed" until unsealed again. */
    public void seal(boolean sealed) {
        api.seal(sealed);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            VaultReply reply;
            try {
                reply = api.handle(request(exchange));
            } catch (VaultError e) {
                reply = e.reply();
            }
            byte[] bytes = reply.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static VaultApi.Request request(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath().substring("/v1/".length());
        path = URLDecoder.decode(path, StandardCharsets.UTF_8);
        while (path.endsWith("/") && !path.isEmpty()) {
            path = path.substring(0, path.length() - 1);
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body;
        try {
            body = raw.length == 0 ? JsonNodeFactory.instance.objectNode() : MAPPER.readTree(raw);
        } catch (IOException e) {
            throw VaultError.of(400, "failed to parse JSON input");
        }
        if (body == null || !body.isObject()) {
            body = JsonNodeFactory.instance.objectNode();
        }
        return new VaultApi.Request(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), path,
                query(uri.getRawQuery()), body, exchange.getRequestHeaders().getFirst("X-Vault-Token"),
                exchange.getRequestHeaders().getFirst("X-Vault-Namespace"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : List.of(raw.split("&"))) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }
}
