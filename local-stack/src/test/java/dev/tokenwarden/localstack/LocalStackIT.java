package dev.tokenwarden.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the local stack from the packaged jars, as a newcomer would, and stops it. */
class LocalStackIT {
    private static final Pattern API_KEY_LINE = Pattern.compile("X-Api-Key: (\\S+)");
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path state;

    @Test
    void runsEveryServiceAndLeavesNoProcessBehind() throws Exception {
        int kafkaPort = freePort();
        int httpBase = freeConsecutivePorts(4);
        Process stack = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PROJECT.resolve("local-stack/target/local-stack.jar").toString(),
                "--project", PROJECT.toString(), "--state", state.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--http-port-base", String.valueOf(httpBase))
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> collect(stack, output));
        pump.setDaemon(true);
        pump.start();
        try {
            awaitLine(stack, output, "tokenwarden is running", 300);
            assertThat(warningsAndErrors(output)).as("WARN or ERROR lines on a clean start").isEmpty();
            List<ProcessHandle> children = stack.descendants().toList();
            assertThat(children).as("Kafka and four services").hasSizeGreaterThanOrEqualTo(5);

            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < LocalStackOptions.SERVICES.size(); i++) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + (httpBase + i) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(LocalStackOptions.SERVICES.get(i) + " ready").isEqualTo(200);
            }

            String apiKey = output.stream().map(API_KEY_LINE::matcher).filter(Matcher::find).map(m -> m.group(1))
                    .findFirst().orElseThrow(() -> new AssertionError("the stack printed no API key"));
            String deadLetters = "http://127.0.0.1:" + (httpBase + 1) + "/admin/dead-letters";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(deadLetters)).header("X-Api-Key", apiKey).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("the printed key opens the REST API").isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(deadLetters)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("no key, no access").isEqualTo(401);

            assertThat(awaitHealthy(kafkaPort, Set.of("ci-api-read", "workflow-auditor-github", "notifier-github"), 180))
                    .as("credentials not rotated end to end (scheduler, broker, GitHub, Vault): the example inventory's "
                            + "app-installation and the auditor's and notifier's internal ones")
                    .isEmpty();

            String orgScans = "http://127.0.0.1:" + (httpBase + 2) + "/org-scans";
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(orgScans)).header("X-Api-Key", apiKey)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"org\":\"acme\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as("org scan started: %s", started.body()).isEqualTo(202);
            assertThat(awaitOrgScan(http, URI.create(orgScans).resolve(started.headers().firstValue("Location").orElseThrow()),
                    apiKey, 120))
                    .as("the auditor scanned acme with its own credential, read from Vault through its AppRole login")
                    .contains("\"state\":\"completed\"").contains("\"repositoriesFailed\":0");

            stack.destroy();
            assertThat(stack.waitFor(90, TimeUnit.SECONDS)).as("the stack stops on SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child " + child.pid() + " stopped").isFalse();
            }
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    /** Reads {@code tokenwarden.credential.state} until each credential has been healthy; returns those that were not. */
    private static Set<String> awaitHealthy(int kafkaPort, Set<String> credentialIds, int seconds) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Set<String> pending = new TreeSet<>(credentialIds);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("tokenwarden.credential.state"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.value() != null && record.value().contains("\"status\":\"healthy\"")) {
                        pending.remove(record.key());
                    }
                }
            }
        }
        return pending;
    }

    /** Polls an org scan until it has finished; returns its last view. */
    private static String awaitOrgScan(HttpClient http, URI scan, String apiKey, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String view = "";
        while (System.nanoTime() < deadline) {
            view = http.send(HttpRequest.newBuilder(scan).header("X-Api-Key", apiKey).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (view.contains("\"state\":\"completed\"") || view.contains("\"state\":\"failed\"")) {
                return view;
            }
            Thread.sleep(500);
        }
        return view;
    }

    /** Lines at level WARN or ERROR, as Quarkus, Kafka and the JDK's own logging spell them. */
    static List<String> warningsAndErrors(List<String> output) {
        Pattern level = Pattern.compile("\\b(WARN|WARNING|ERROR|SEVERE)\\b");
        return output.stream().filter(line -> level.matcher(line).find()).toList();
    }

    static void collect(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // The stack ended.
        }
    }

    static void awaitLine(Process stack, List<String> output, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(line -> line.contains(text))) {
                return;
            }
            if (!stack.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the local stack did not print '" + text + "'; its output:\n"
                + String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size())));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static int freeConsecutivePorts(int count) throws IOException {
        for (int base = 20000 + (int) (ProcessHandle.current().pid() % 20000); base < 65000; base += count) {
            if (allFree(base, count)) {
                return base;
            }
        }
        throw new IOException("no " + count + " consecutive free ports");
    }

    private static boolean allFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (ServerSocket ignored = new ServerSocket(port)) {
                // Free.
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
