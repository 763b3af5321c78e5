package dev.tokenwarden.bench;

import dev.tokenwarden.localstack.InternalCredentials;
import dev.tokenwarden.localstack.LocalStack;
import dev.tokenwarden.localstack.SimulatedOrganisation;
import dev.tokenwarden.localstack.Topics;
import dev.tokenwarden.localstack.VaultBootstrap;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.ServiceProcess;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Footprint of each service as a process, against a real Kafka broker (the sandbox's, a child JVM), Vault (OpenBao's
 * dev server when {@code bao} is installed, else the in-memory Vault-API server) and the GitHub simulator, set up as
 * the local stack sets them up: the time from starting the JVM to the first successful {@code /q/health/ready}, and
 * the resident memory ({@code VmRSS} from /proc) idle, 5 s after ready, and after a small load (400 requests to the
 * health, metrics and OpenAPI endpoints, 4 at a time). Each service runs under several sets of JVM flags (the
 * variants below); the class-data archive and the AOT cache are made first by one training start of the same
 * service (start, ready, the same load, graceful stop). Prints figures; asserts nothing.
 *
 * <p>Usage: {@code FootprintBench [SERVICE...]} (default: all five). Needs the services packaged
 * ({@code ./mvnw -B package -DskipTests}) and JDK 25 for the AOT cache variant (older JDKs skip it).
 */
public final class FootprintBench {
    private static final List<String> SERVICES = List.of("rotation-scheduler", "token-broker", "workflow-auditor", "notifier", "console");
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int LOAD_REQUESTS = 400;
    private static final double READY_AIM_MS = 1500;
    private static final double RSS_AIM_MIB = 200;

    /** A set of JVM flags; {@code archive} names the file its training start writes, or null. */
    private record Variant(String id, String description, Function<Path, List<String>> run, Function<Path, List<String>> training,
            String archive) {
        static Variant plain(String id, String description, List<String> flags) {
            return new Variant(id, description, archive -> flags, null, null);
        }
    }

    private static final List<String> SMALL_HEAP = ServiceProcess.DEFAULT_JVM_OPTIONS;
    private static final List<Variant> VARIANTS = List.of(
            Variant.plain("packaged", "java, no flags (quarkus-run.jar as packaged)", List.of()),
            Variant.plain("local-stack", "C1 only, serial GC, -Xmx384m (the local stack's flags before)",
                    List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")),
            new Variant("appcds", "the local stack's flags now (C1, serial GC, -Xms16m -Xmx256m, code cache 48m, 512k stacks) and an AppCDS archive", archive -> with(SMALL_HEAP, "-XX:SharedArchiveFile=" + archive),
                    archive -> with(SMALL_HEAP, "-XX:ArchiveClassesAtExit=" + archive), "app-cds.jsa"),
            new Variant("aot", "the same flags with the JDK 25 AOT cache (JEP 483/514/515) instead", archive -> with(SMALL_HEAP, "-XX:AOTCache=" + archive),
                    archive -> with(SMALL_HEAP, "-XX:AOTCacheOutput=" + archive), "app.aot"));

    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> services = args.length > 0 ? List.of(args) : BenchFigures.quick() ? List.of("token-broker") : SERVICES;
        List<Variant> variants = VARIANTS.stream().filter(v -> !v.id().equals("aot") || Runtime.version().feature() >= 25)
                .filter(v -> !BenchFigures.quick() || v.id().equals("packaged") || v.id().equals("aot")).toList();
        BenchFigures figures = new BenchFigures("FootprintBench");
        Path state = Files.createTempDirectory("footprint-bench");
        Path archives = root.resolve("bench/target/footprint");
        Files.createDirectories(archives);
        try (KafkaBroker kafka = KafkaBroker.onFreePorts(state.resolve("kafka"), line -> { });
                GitHubSimulator github = GitHubSimulator.start(Clock.systemUTC())) {
            kafka.start();
            Topics.createAll(kafka.bootstrapServers());
            VaultEndpoint vault = SharedVaults.openBao().orElseGet(SharedVaults::inMemoryEndpoint);
            VaultBootstrap.apply(root, vault, line -> { });
            Map<String, String> shared = LocalStack.servicesEnvironment(root, state, kafka, vault, github.baseUrl(),
                    SimulatedOrganisation.install(github, vault));
            System.out.printf("Kafka %s, Vault %s, GitHub simulator; %d cores, load average %s%n", kafka.bootstrapServers(), vault.kind(),
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.printf("%-19s %-12s %9s %13s %15s%n", "service", "variant", "ready ms", "RSS idle MiB", "RSS loaded MiB");
            for (String service : services) {
                Map<String, String> environment = InternalCredentials.environmentOf(service, shared, vault);
                for (Variant variant : variants) {
                    Path archive = variant.archive() == null ? null : archives.resolve(service + "-" + variant.archive());
                    if (archive != null) {
                        Files.deleteIfExists(archive);
                        measure(root, service, environment, variant.training().apply(archive), true);
                        if (!Files.isRegularFile(archive)) {
                            figures.note(service + ": the " + variant.id() + " training start wrote no " + archive.getFileName());
                            continue;
                        }
                    }
                    Footprint footprint = measure(root, service, environment, variant.run().apply(archive), false);
                    System.out.printf("%-19s %-12s %9.0f %13.1f %15.1f%n", service, variant.id(), footprint.readyMs(), footprint.idleMib(),
                            footprint.loadedMib());
                    String prefix = service + "." + variant.id();
                    figures.add(prefix + ".ready", service + ", " + variant.description() + ": start to ready", "ms", footprint.readyMs(),
                            BenchFigures.Aim.below(READY_AIM_MS));
                    figures.add(prefix + ".rss-idle", service + ", " + variant.description() + ": RSS idle", "MiB", footprint.idleMib(),
                            BenchFigures.Aim.below(RSS_AIM_MIB));
                    figures.add(prefix + ".rss-loaded", service + ", " + variant.description() + ": RSS after a small load", "MiB",
                            footprint.loadedMib());
                }
            }
            figures.note("Vault: " + vault.kind() + "; services started one at a time, each alone on the machine but for Kafka, Vault and"
                    + " the simulator; load average at the end " + Files.readString(Path.of("/proc/loadavg")).strip());
        }
        figures.write();
    }

    private record Footprint(double readyMs, double idleMib, double loadedMib) {
    }

    /** @param training the JVM writes its archive as it exits: it is stopped gracefully and given the time that takes */
    private static Footprint measure(Path root, String service, Map<String, String> environment, List<String> flags, boolean training)
            throws Exception {
        int port = LoopbackPorts.free();
        List<String> output = new ArrayList<>();
        ServiceProcess process = new ServiceProcess(service, root.resolve(service).resolve("target/quarkus-app"), port, environment, Map.of(),
                line -> {
                    synchronized (output) {
                        output.add(line);
                    }
                }, flags);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            long start = System.nanoTime();
            process.start();
            awaitReady(http, process, port, output);
            double readyMs = (System.nanoTime() - start) / 1e6;
            Thread.sleep(IDLE.toMillis());
            double idle = rssMib(process.pid());
            load(http, port);
            Footprint footprint = new Footprint(readyMs, idle, rssMib(process.pid()));
            if (training) {
                // SIGTERM through the handle, which leaves the pipes open: Process.destroy() also closes the child's
                // stdin, on which ParentWatch halts the JVM before it can write its archive.
                ProcessHandle jvm = ProcessHandle.of(process.pid()).orElseThrow();
                jvm.destroy();
                jvm.onExit().get(5, TimeUnit.MINUTES);
                Thread.sleep(1000); // the output pump's last lines
                synchronized (output) {
                    Files.write(root.resolve("bench/target/footprint/" + service + "-training.log"), output);
                }
            }
            return footprint;
        } finally {
            process.close();
        }
    }

    private static void awaitReady(HttpClient http, ServiceProcess process, int port, List<String> output) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isRunning()) {
                synchronized (output) {
                    throw new IllegalStateException(process.name() + " exited before it was ready:\n" + String.join("\n", output));
                }
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(process.name() + " was not ready within 120 s");
    }

    private static void load(HttpClient http, int port) throws Exception {
        List<String> paths = List.of("/q/health", "/q/metrics", "/q/openapi", "/q/health/ready");
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < LOAD_REQUESTS; i++) {
                URI uri = URI.create("http://127.0.0.1:" + port + paths.get(i % paths.size()));
                pool.submit(() -> http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()));
            }
        }
    }

    static double rssMib(long pid) throws IOException {
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS for process " + pid);
        }
        return Long.parseLong(rss.group(1)) / 1024.0;
    }

    private static List<String> with(List<String> flags, String flag) {
        List<String> all = new ArrayList<>(flags);
        all.add(flag);
        return all;
    }
}
