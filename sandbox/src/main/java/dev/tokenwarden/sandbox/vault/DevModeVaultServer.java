package dev.tokenwarden.sandbox.vault;

import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.TiedProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A real Vault-compatible server in dev mode ({@code bao server -dev} or {@code vault server -dev}): in
 * memory, unsealed, on a free loopback port with a random root token, and tied to this JVM so it cannot
 * outlive it.
 */
public final class DevModeVaultServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String UNSEAL_KEY_LINE = "Unseal Key:";

    private final TiedProcess process;
    private final VaultEndpoint endpoint;
    private final Path logFile;

    private DevModeVaultServer(TiedProcess process, VaultEndpoint endpoint, Path logFile) {
        this.process = process;
        this.endpoint = endpoint;
        this.logFile = logFile;
    }

    /** The executable called {@code name} on the {@code PATH}, if any. */
    public static Optional<Path> findOnPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary server -dev} and returns once {@code sys/health} answers 200. */
    public static DevModeVaultServer start(Path binary, Consumer<String> log) {
        int port = LoopbackPorts.free();
        String rootToken = "root-" + UUID.randomUUID();
        String address = "http://127.0.0.1:" + port;
        Path logFile;
        try {
            logFile = Files.createTempFile("tokenwarden-" + binary.getFileName() + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TiedProcess process = TiedProcess.start(List.of(binary.toString(), "server", "-dev",
                "-dev-root-token-id=" + rootToken, "-dev-listen-address=127.0.0.1:" + port, "-dev-no-store-token"), logFile);
        DevModeVaultServer server = new DevModeVaultServer(process,
                new VaultEndpoint(binary.getFileName() + " server -dev", address, rootToken), logFile);
        server.awaitReady();
        log.accept(server.endpoint + " ready (log " + logFile + ")");
        return server;
    }

    public VaultEndpoint endpoint() {
        return endpoint;
    }

    /** Seals the server ({@code PUT sys/seal}): every request then answers 503 until {@link #unseal()}. Its data stays. */
    public void seal() {
        expect(204, new VaultHttp(endpoint.address()).call("PUT", "sys/seal", endpoint.rootToken(), null), "seal");
    }

    /** Unseals with the dev server's one unseal key and returns once {@code sys/health} answers 200 again. */
    public void unseal() {
        expect(200, new VaultHttp(endpoint.address()).call("PUT", "sys/unseal", null, Map.of("key", unsealKey())), "unseal");
        awaitReady();
    }

    /** Dev mode prints its single unseal key on start ({@code Unseal Key: ...}); there is no other way to learn it. */
    private String unsealKey() {
        try (var lines = Files.lines(logFile)) {
            return lines.filter(line -> line.startsWith(UNSEAL_KEY_LINE)).map(line -> line.substring(UNSEAL_KEY_LINE.length()).trim())
                    .findFirst().orElseThrow(() -> new IllegalStateException("no unseal key in " + logFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void expect(int status, VaultHttp.Reply reply, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + " of " + endpoint + " answered " + reply.status() + ": " + reply.errors());
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(endpoint.address() + "/v1/sys/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(endpoint.kind() + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause();
        }
        process.close();
        throw new IllegalStateException(endpoint.kind() + " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; see " + logFile);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
