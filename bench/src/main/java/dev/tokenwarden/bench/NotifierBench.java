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
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier end to end: the packaged service (its prod profile, as a child JVM) consumes incidents a
 * producer writes to a real Kafka broker (sandbox {@link KafkaBroker}), routes them and delivers each to a
 * signed webhook on a loopback HTTP sink, writing its delivery log to the same broker. Measures incidents per
 * second delivered, and the delay from just before the incident is sent to Kafka to the sink receiving it.
 * Prints figures; asserts nothing.
 */
public final class NotifierBench {
    private static final Pattern INCIDENT_KEY = Pattern.compile("\"incidentKey\":\"(bench/[^\"]+)\"");
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(10);

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final Map<String, String> deliveryIds = new ConcurrentHashMap<>();
    /** A key received again under the delivery id it first came with: a retry the receiver's idempotency key absorbs. */
    private final AtomicLong retried = new AtomicLong();
    /** A key received again under another delivery id: a second notification about the same incident. */
    private final AtomicLong duplicates = new AtomicLong();

    private NotifierBench(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("notifier.jar", "notifier/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the notifier first (see bench/README.md)");
        }
        String tick = System.getProperty("tick", "1s");
        int rate = Integer.getInteger("rate", 50);
        int paced = Integer.getInteger("paced", 1000);
        int burst = Integer.getInteger("burst", 2000);
        Path work = Files.createTempDirectory("notifier-bench");
        try (KafkaBroker kafka = KafkaBroker.onFreePorts(work.resolve("kafka"), System.out::println).start()) {
            NotifierBench bench = new NotifierBench(producer(kafka.bootstrapServers()));
            HttpServer sink = bench.startSink();
            int httpPort = LoopbackPorts.free();
            Path log = work.resolve("notifier.log");
            try (TiedProcess notifier = TiedProcess.start(notifierCommand(jar, kafka.bootstrapServers(), httpPort,
                    sink.getAddress().getPort(), tick, work), log)) {
                awaitReady(httpPort, notifier, log);
                System.out.printf("notifier %s (prod profile, tick %s) on 127.0.0.1:%d; Kafka %s; sink 127.0.0.1:%d%n",
                        jar.getFileName(), tick, httpPort, kafka.bootstrapServers(), sink.getAddress().getPort());
                System.out.println("route: one group per incident (group_by incidentKey), group_wait 0s; receiver: signed webhook");
                bench.run("warm-up", 200, 100);
                System.out.printf("%-26s %10s %12s %12s %12s %12s %10s %10s%n", "run", "incidents", "delivered/s", "delay p50 ms",
                        "delay p99 ms", "delay max ms", "retried", "duplicate");
                bench.report(bench.run("paced at " + rate + "/s", paced, rate));
                bench.report(bench.run("burst (as fast as sent)", burst, 0));
            } finally {
                sink.stop(0);
                bench.producer.close();
            }
        }
        System.out.printf("load average (1 min) at the end: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    }

    private record Run(String name, List<String> keys, long firstSent, long lastReceived) {
    }

    /** Sends {@code count} incidents, {@code perSecond} apart (0: as fast as the producer takes them), and waits for all. */
    private Run run(String name, int count, int perSecond) throws InterruptedException {
        List<String> keys = new ArrayList<>(count);
        String runId = Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (perSecond > 0) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            String key = "bench/" + runId + "-" + i;
            keys.add(key);
            send(key);
        }
        producer.flush();
        long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
        while (keys.stream().anyMatch(k -> !receivedAt.containsKey(k))) {
            if (System.nanoTime() > deadline) {
                long missing = keys.stream().filter(k -> !receivedAt.containsKey(k)).count();
                throw new IllegalStateException(name + ": " + missing + " of " + count + " incidents not delivered within "
                        + DELIVERY_DEADLINE);
            }
            Thread.sleep(20);
        }
        long lastReceived = keys.stream().mapToLong(receivedAt::get).max().orElseThrow();
        return new Run(name, keys, start, lastReceived);
    }

    private void report(Run run) {
        long[] delays = run.keys().stream().mapToLong(k -> receivedAt.get(k) - sentAt.get(k)).sorted().toArray();
        double seconds = (run.lastReceived() - run.firstSent()) / 1e9;
        System.out.printf("%-26s %10d %12.1f %12.1f %12.1f %12.1f %10d %10d%n", run.name(), delays.length, delays.length / seconds,
                percentile(delays, 0.50) / 1e6, percentile(delays, 0.99) / 1e6, delays[delays.length - 1] / 1e6, retried.get(),
                duplicates.get());
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

    /** The webhook receiver: answers 200 at once and notes when each incident key first arrived. */
    private HttpServer startSink() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/hook", exchange -> {
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
                if (receivedAt.putIfAbsent(key, at) == null) {
                    deliveryIds.put(key, deliveryId);
                } else if (deliveryId.equals(deliveryIds.get(key))) {
                    retried.incrementAndGet();
                } else {
                    duplicates.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static List<String> notifierCommand(Path jar, String bootstrap, int httpPort, int sinkPort, String tick, Path work)
            throws IOException {
        Path routing = work.resolve("routing.yaml");
        Files.writeString(routing, """
                route:
                  receivers: [sink]
                  group_by: [incidentKey]
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 4h
                """);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return List.of(TiedProcess.javaExecutable(), "-Xmx512m",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.otel.sdk.disabled=true",
                "-Dtokenwarden.notifier.routing-file=" + routing,
                "-Dtokenwarden.notifier.tick=" + tick,
                "-Dtokenwarden.notifier.outbound.allow=127.0.0.1/32",
                "-Dtokenwarden.notifier.receivers.sink.type=webhook",
                "-Dtokenwarden.notifier.receivers.sink.url=http://127.0.0.1:" + sinkPort + "/hook",
                "-Dtokenwarden.notifier.receivers.sink.secret=whsec_" + Base64.getEncoder().encodeToString(key),
                "-jar", jar.toString());
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
