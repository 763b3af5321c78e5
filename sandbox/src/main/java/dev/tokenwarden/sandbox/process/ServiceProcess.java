package dev.tokenwarden.sandbox.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One service as its own JVM, run from its packaged Quarkus application ({@code target/quarkus-app})
 * under {@link ParentWatch}, so it stops with the JVM that started it even when that JVM is killed. The local
 * stack runs the four services this way, and the end-to-end tests, which also {@link #kill()} and restart them.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /**
     * C1 only, the serial collector, a small and bounded heap, code cache and thread stacks: what the local stack and the
     * end-to-end tests run with. Measured together (docs/performance.md): with {@code -Xmx384m} and the default stack
     * size instead, a service kept about 100 MiB more resident when idle.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx256m",
            "-XX:ReservedCodeCacheSize=48m", "-Xss512k");
    /** The JDK's AOT cache of a service, next to its quarkus-run.jar; see {@link #withAotCache()}. */
    static final String AOT_CACHE = "tokenwarden.aot";
    /** Long enough for a training run's JVM to assemble its AOT cache as it exits, on a busy machine. */
    private static final Duration TRAINING_STOP_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Path quarkusApp;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final Consumer<String> printer;
    private final List<String> jvmOptions;
    private boolean aotCache;
    private boolean training;
    private Process process;

    /**
     * @param systemProperties settings whose names environment variables cannot spell, such as quoted map keys
     */
    public ServiceProcess(String name, Path quarkusApp, int httpPort, Map<String, String> environment,
            Map<String, String> systemProperties, Consumer<String> printer) {
        this(name, quarkusApp, httpPort, environment, systemProperties, printer, DEFAULT_JVM_OPTIONS);
    }

    /** @param jvmOptions the JVM's flags (heap, collector, class-data archive) in place of {@link #DEFAULT_JVM_OPTIONS} */
    public ServiceProcess(String name, Path quarkusApp, int httpPort, Map<String, String> environment,
            Map<String, String> systemProperties, Consumer<String> printer, List<String> jvmOptions) {
        this.name = name;
        this.quarkusApp = quarkusApp;
        this.httpPort = httpPort;
        this.environment = Map.copyOf(environment);
        this.systemProperties = Map.copyOf(systemProperties);
        this.printer = printer;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /**
     * On JDK 25+, starts the service from its AOT cache ({@value #AOT_CACHE} in the quarkus-app folder) when one is there
     * and newer than the jar; otherwise this run is the training run, and the JVM writes the cache when it is stopped
     * with {@link #close()} (not {@link #kill()}), so the next start is faster.
     */
    public ServiceProcess withAotCache() {
        this.aotCache = Runtime.version().feature() >= 25;
        return this;
    }

    /** Starts the service; after {@link #kill()} or {@link #close()}, starts it again with the same settings. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path runner = quarkusApp.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(name + " is not packaged: " + runner + " is missing; run ./mvnw -B package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        training = false;
        if (aotCache) {
            Path cache = quarkusApp.resolve(AOT_CACHE);
            training = !isNewer(cache, runner);
            command.add((training ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + cache);
            // The cache's own warnings (classes it skips, a stale cache it ignores) are for JDK developers, not here.
            command.add("-Xlog:aot*=off");
            command.add("-Xlog:cds*=off");
        }
        command.addAll(List.of(
                // What quarkus-run.jar's manifest (Add-Opens) grants under -jar, which -cp does not read: without
                // java.lang, jboss-threads fails every executor thread that ends with an IllegalAccessError.
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", parentWatchJar() + java.io.File.pathSeparator + runner,
                ParentWatch.class.getName(), "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        Process started = process;
        Thread pump = new Thread(() -> pumpOutput(started), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits until the service's readiness check answers UP. */
    public void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s");
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the service as {@code kill -9} would: no shutdown hook runs, nothing is flushed or committed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the service SIGTERM without waiting: Quarkus stops gracefully on it. */
    public synchronized void requestStop() {
        if (process == null) {
            return;
        }
        if (training) {
            // Through the handle, which leaves the pipes open: Process.destroy() also closes the child's stdin, on
            // which ParentWatch halts the JVM before it can write its AOT cache.
            process.toHandle().destroy();
        } else {
            process.destroy();
        }
    }

    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        requestStop();
        try {
            if (!process.waitFor(training ? TRAINING_STOP_TIMEOUT.toSeconds() : 20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean isNewer(Path file, Path than) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(than)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private void pumpOutput(Process running) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                printer.accept(line);
            }
        } catch (IOException ignored) {
            // The process ended; its last lines were printed.
        }
    }

    private static String parentWatchJar() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
