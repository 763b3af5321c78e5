package dev.tokenwarden.sandbox.kafka;

import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.TiedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running as a separate
 * JVM on loopback, from the same Kafka jars as the client. Because it is a process, fault tests can
 * {@code kill -9} it and restart it on the same port with its data intact.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final String classpath;
    private final Consumer<String> log;
    private Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, String classpath, Consumer<String> log) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = Uuid.randomUuid().toString();
        this.classpath = classpath;
        this.log = log;
    }

    /** A broker on free loopback ports with a fresh data directory; call {@link #start()}. */
    public static KafkaBroker onFreePorts(Path dataDir, Consumer<String> log) {
        return new KafkaBroker(dataDir, LoopbackPorts.free(), LoopbackPorts.free(), System.getProperty("java.class.path"),
                log);
    }

    /** A broker on a chosen port, for the local stack where the address must be stable. */
    public static KafkaBroker onPort(Path dataDir, int port, Consumer<String> log) {
        return new KafkaBroker(dataDir, port, LoopbackPorts.free(), System.getProperty("java.class.path"), log);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker process's id, while it runs. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the broker is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker and returns once it answers an admin {@code describeCluster}. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path properties = writeServerProperties();
            List<String> command = new ArrayList<>(List.of(
                    TiedProcess.javaExecutable(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                    "-cp", classpath,
                    KafkaBrokerMain.class.getName(), properties.toString(), clusterId));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("broker.log").toFile());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
        awaitReady();
        log.accept("Kafka broker ready at " + bootstrapServers() + " (pid " + process.pid() + ", data " + dataDir + ")");
        return this;
    }

    /** Stops the broker gracefully, keeping its data so {@link #start()} resumes on the same port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the broker as {@code kill -9} would: no shutdown, no flush. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Path writeServerProperties() throws IOException {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "tokenwarden sandbox broker");
        }
        return file;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("broker.log"));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    sleep(200);
                }
            }
        }
        kill();
        throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; see " + dataDir.resolve("broker.log"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /** A unique data directory under the system temporary directory. */
    public static Path temporaryDataDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "tokenwarden-kafka-" + UUID.randomUUID());
    }
}
