package dev.tokenwarden.bench;

import com.sun.net.httpserver.HttpServer;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.sandbox.kafka.KafkaBroker;
import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.TiedProcess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier end to end: the packaged service (its prod profile, as a child JVM) consumes incidents a
 * producer writes to a real Kafka broker (sandbox {@link KafkaBroker}), routes each to three signed webhooks on a
 * loopback HTTP sink, one of which ({@code slow}) answers only after {@code -Dslow=10s}, and writes its delivery
 * log to the same broker. Measures, per receiver, the delay from just before the incident is sent to Kafka to the
 * sink receiving it; then grouping and inhibition in process at 1k, 10k and 100k open incidents
 * ({@link NotifierScaling}). Prints tables, writes {@code bench/results/raw/notifier-<run>.json}; asserts nothing.
 */
public final class NotifierBench {
    private static final Pattern INCIDENT_KEY = Pattern.compile("\"incidentKey\":\"(bench/[^\"]+)\"");
    static final String SLOW = "slow";
    static final List<String> FAST = List.of("fast-a", "fast-b");

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Sink> sinks = new LinkedHashMap<>();

    /** What one receiver got: when each incident key first arrived, and under which delivery id. */
    private static final class Sink {
        final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        final Map<String, String> deliveryIds = new ConcurrentHashMap<>();
        /** A key received again under the delivery id it first came with: a retry the receiver's idempotency key absorbs. */
        final AtomicLong retried = new AtomicLong();
        /** A key received again under another delivery id: a second notification about the same incident. */
        final AtomicLong duplicates = new AtomicLong();
    }

    private NotifierBench(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
        sinks.put(SLOW, new Sink());
        FAST.forEach(name -> sinks.put(name, new Sink()));
    }

    public static void main(String[] args) throws Exception {
        String part = System.getProperty("part", "all");
        BenchFigures figures = new BenchFigures("NotifierBench");
        if (!part.equals("scaling")) {
            delivery(figures);
        }
        if (!part.equals("delivery")) {
            scaling(figures);
        }
        String load = String.format(Locale.ROOT, "load average (1 min) at the end: %.1f on %d cores",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.println(load);
        figures.note(load);
        figures.write();
    }

    private static void delivery(BenchFigures figures) throws Exception {
        Path jar = Path.of(System.getProperty("notifier.jar", "notifier/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the notifier first (see bench/README.md)");
        }
        String tick = System.getProperty("tick", "250ms");
        Duration slowFor = Duration.parse("PT" + System.getProperty("slow", "10s"));
        int incidents = Integer.getInteger("incidents", 10_000);
        int rate = Integer.getInteger("rate", 100);
        Duration deadline = Duration.parse("PT" + System.getProperty("deadline", "10m"));
        Path work = Files.createTempDirectory("notifier-bench");
        try (KafkaBroker kafka = KafkaBroker.onFreePorts(work.resolve("kafka"), System.out::println).start()) {
            NotifierBench bench = new NotifierBench(producer(kafka.bootstrapServers()));
            HttpServer sink = bench.startSink(slowFor);
            int httpPort = LoopbackPorts.free();
            Path log = work.resolve("notifier.log");
            try (TiedProcess notifier = TiedProcess.start(notifierCommand(jar, kafka.bootstrapServers(), httpPort,
                    sink.getAddress().getPort(), tick, slowFor, work), log)) {
                awaitReady(httpPort, notifier, log);
                System.out.printf("notifier %s (prod profile, tick %s) on 127.0.0.1:%d; Kafka %s; sink 127.0.0.1:%d%n",
                        jar.getFileName(), tick, httpPort, kafka.bootstrapServers(), sink.getAddress().getPort());
                System.out.printf("route: one group per incident (group_by incidentKey), group_wait 0s, to receivers %s (answers"
                        + " after %s) and %s (answer at once); signed webhooks, http.timeout %s%n", SLOW, slowFor, FAST,
                        httpTimeout(slowFor));
                bench.run("warm-up", 100, 50, Duration.ofMinutes(3));
                Run run = bench.run(incidents + " at " + rate + "/s", incidents, rate, deadline);
                bench.report(run, figures, slowFor);
            } finally {
                sink.stop(0);
                bench.producer.close();
            }
        }
    }

    private static void scaling(BenchFigures figures) {
        List<Integer> sizes = Arrays.stream(System.getProperty("sizes", "1000,10000,100000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        System.out.println();
        System.out.println("grouping and inhibition in process (Dispatcher): n open incidents taken in, flushed once, confirmed");
        System.out.printf("%10s %14s %14s %14s %14s %10s %14s%n", "incidents", "accept us/inc", "flush us/inc", "confirm us/inc",
                "total us/inc", "inhibited", "notifications");
        NotifierScaling.measure(Math.min(sizes.get(0), 1000));
        for (int n : sizes) {
            NotifierScaling.Result r = NotifierScaling.measure(n);
            System.out.printf("%10d %14.2f %14.2f %14.2f %14.2f %10d %14d%n", n, r.acceptMicros(), r.flushMicros(),
                    r.confirmMicros(), r.totalMicros(), r.inhibited(), r.notifications());
            String size = n >= 1000 ? n / 1000 + "k" : Integer.toString(n);
            figures.add("scaling-grouping-" + size, "grouping: take in and confirm, per incident, " + n + " open", "us",
                    r.acceptMicros() + r.confirmMicros());
            figures.add("scaling-inhibition-" + size, "flush with inhibition check, per incident, " + n + " open", "us",
                    r.flushMicros());
        }
        figures.note("scaling: in process, one Dispatcher, routing " + NotifierScaling.ROUTING.lines().count()
                + " lines with one inhibit rule (equal: credential); a quarter of the incidents is inhibited");
    }

    private record Run(String name, List<String> keys, long firstSent, long end) {
    }

    /**
     * Sends {@code count} incidents, {@code perSecond} apart, and waits until every fast receiver has all of them
     * or the deadline passed; the slow receiver is not waited for.
     */
    private Run run(String name, int count, int perSecond, Duration deadline) throws InterruptedException {
        List<String> keys = new ArrayList<>(count);
        String runId = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * 1_000_000_000L / perSecond - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String key = "bench/" + runId + "-" + i;
            keys.add(key);
            send(key);
        }
        producer.flush();
        long until = start + deadline.toNanos();
        while (System.nanoTime() < until && FAST.stream().anyMatch(r -> missing(r, keys) > 0)) {
            Thread.sleep(20);
        }
        return new Run(name, keys, start, System.nanoTime());
    }

    private long missing(String receiver, List<String> keys) {
        Map<String, Long> received = sinks.get(receiver).receivedAt;
        return keys.stream().filter(k -> !received.containsKey(k)).count();
    }

    /**
     * Per receiver: how many arrived, at what rate, and the delay at the median, 99th percentile and maximum. An
     * incident that had not arrived when the run ended counts with the delay it had reached then, so the
     * percentiles are lower bounds whenever anything is missing (always, for the slow receiver).
     */
    private void report(Run run, BenchFigures figures, Duration slowFor) {
        System.out.printf("%-20s %-8s %10s %10s %12s %12s %12s %12s %10s %10s%n", "run", "receiver", "incidents", "received",
                "received/s", "delay p50 ms", "delay p99 ms", "delay max ms", "retried", "duplicate");
        double seconds = (run.end() - run.firstSent()) / 1e9;
        double worstFastP99 = 0;
        long fastMissing = 0;
        for (Map.Entry<String, Sink> entry : sinks.entrySet()) {
            Sink sink = entry.getValue();
            long[] delays = run.keys().stream().mapToLong(k -> sink.receivedAt.getOrDefault(k, run.end()) - sentAt.get(k)).sorted().toArray();
            long received = run.keys().stream().filter(sink.receivedAt::containsKey).count();
            double p50 = percentile(delays, 0.50) / 1e6;
            double p99 = percentile(delays, 0.99) / 1e6;
            System.out.printf("%-20s %-8s %10d %10d %12.1f %12.1f %12.1f %12.1f %10d %10d%n", run.name(), entry.getKey(),
                    delays.length, received, received / seconds, p50, p99, delays[delays.length - 1] / 1e6, sink.retried.get(),
                    sink.duplicates.get());
            String id = "delivery-" + entry.getKey();
            if (entry.getKey().equals(SLOW)) {
                figures.add(id + "-received", "incidents the " + slowFor.toSeconds() + " s receiver had by the end of the run ("
                        + String.format(Locale.ROOT, "%.0f", seconds) + " s)", "incidents", received);
                figures.add(id + "-rate", "incidents a second the " + slowFor.toSeconds() + " s receiver received", "1/s",
                        received / seconds);
                figures.add(id + "-p50", "delay to the " + slowFor.toSeconds() + " s receiver at the median (lower bound while"
                        + " any is missing)", "ms", p50);
            } else {
                worstFastP99 = Math.max(worstFastP99, p99);
                fastMissing += delays.length - received;
                figures.add(id + "-p50", "delay to " + entry.getKey() + " at the median", "ms", p50);
                figures.add(id + "-p99", "delay to " + entry.getKey() + " at the 99th percentile", "ms", p99);
            }
        }
        figures.add("delivery-fast-p99", "delay to the receivers beside a " + slowFor.toSeconds() + " s one, 99th percentile (worst)",
                "ms", worstFastP99, BenchFigures.Aim.below(1000));
        figures.add("delivery-fast-missing", "incidents the fast receivers had not received when the run ended", "incidents",
                fastMissing, BenchFigures.Aim.below(1));
        figures.note("delivery: " + run.keys().size() + " incidents (" + run.name() + ") through real Kafka to three webhooks on a"
                + " loopback sink, one answering after " + slowFor + "; notifier tick " + System.getProperty("tick", "250ms")
                + "; a missing incident counts with the delay it had reached when the run ended");
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private void send(String key) {
        Instant now = Instant.now();
        Incident incident = new Incident(key, IncidentStatus.FIRING, "expiring", Severity.MEDIUM, "bench " + key,
                "a benchmark incident", Map.of("credential", key.substring("bench/".length()), "tier", "deployment"), now, now,
                List.of());
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, ("bench-" + key).getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, Service.TOKEN_BROKER.source().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, EventType.INCIDENT.ceType().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, now.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SUBJECT, key.getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        sentAt.put(key, System.nanoTime());
        producer.send(new ProducerRecord<>(EventType.INCIDENT.topic(), null, key, EventJson.write(incident), headers));
    }

    /** The webhook receivers, one path each: note when each incident key first arrived, then answer 200 ({@code slow} after {@code slowFor}). */
    private HttpServer startSink(Duration slowFor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        sinks.forEach((name, sink) -> server.createContext("/" + name, exchange -> {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // A key appears twice in one body (in the incident and in the group's labels); a repeat is a second request.
            Set<String> keys = new HashSet<>();
            Matcher found = INCIDENT_KEY.matcher(body);
            while (found.find()) {
                keys.add(found.group(1));
            }
            String deliveryId = exchange.getRequestHeaders().getFirst("webhook-id");
            for (String key : keys) {
                if (sink.receivedAt.putIfAbsent(key, at) == null) {
                    sink.deliveryIds.put(key, deliveryId);
                } else if (deliveryId.equals(sink.deliveryIds.get(key))) {
                    sink.retried.incrementAndGet();
                } else {
                    sink.duplicates.incrementAndGet();
                }
            }
            if (name.equals(SLOW)) {
                try {
                    Thread.sleep(slowFor);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    /** Long enough that the slow receiver answers in time: it is slow, not down. */
    private static Duration httpTimeout(Duration slowFor) {
        return slowFor.plusSeconds(5);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<String> notifierCommand(Path jar, String bootstrap, int httpPort, int sinkPort, String tick,
            Duration slowFor, Path work) throws IOException {
        Path routing = work.resolve("routing.yaml");
        Files.writeString(routing, """
                route:
                  receivers: [%s, %s]
                  group_by: [incidentKey]
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 4h
                """.formatted(SLOW, String.join(", ", FAST)));
        List<String> command = new ArrayList<>(List.of(TiedProcess.javaExecutable(), "-Xmx512m",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.otel.sdk.disabled=true",
                "-Dtokenwarden.notifier.routing-file=" + routing,
                "-Dtokenwarden.notifier.tick=" + tick,
                "-Dtokenwarden.notifier.http.timeout=" + httpTimeout(slowFor).toSeconds() + "s",
                "-Dtokenwarden.notifier.outbound.allow=127.0.0.1/32"));
        SecureRandom random = new SecureRandom();
        for (String receiver : Stream.concat(Stream.of(SLOW), FAST.stream()).toList()) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            String prefix = "-Dtokenwarden.notifier.receivers." + receiver;
            command.add(prefix + ".type=webhook");
            command.add(prefix + ".url=http://127.0.0.1:" + sinkPort + "/" + receiver);
            command.add(prefix + ".secret=whsec_" + Base64.getEncoder().encodeToString(key));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private static void awaitReady(int httpPort, TiedProcess notifier, Path log) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!notifier.isAlive()) {
                throw new IllegalStateException("the notifier stopped (exit " + notifier.exitValue() + "); see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the notifier was not ready within 3 minutes; see " + log);
    }
}
