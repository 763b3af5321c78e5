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
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) running as a separate
 * JVM on loopback, from the same Kafka jars as the client. Because it is a process, fault tests can
 * {@code kill -9} it and restart it on the same port with its data intact.
 *
 * <p>By default it is open (PLAINTEXT, no authorizer), as the test suites use it. {@link #withSasl} makes it
 * the compose broker's kind instead: SASL_PLAINTEXT with PLAIN users on both listeners, the
 * StandardAuthorizer, {@code admin} the only super user, and nothing allowed without an ACL.
 */
public final class KafkaBroker implements AutoCloseable {
    /** The super user of a SASL broker. */
    public static final String SUPER_USER = "admin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final String classpath;
    private final Consumer<String> log;
    private final Map<String, String> saslUsers;
    private Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, String classpath, Consumer<String> log,
                        Map<String, String> saslUsers) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = Uuid.randomUuid().toString();
        this.classpath = classpath;
        this.log = log;
        this.saslUsers = Map.copyOf(saslUsers);
    }

    private KafkaBroker(Path dataDir, int port, int controllerPort, String classpath, Consumer<String> log) {
        this(dataDir, port, controllerPort, classpath, log, Map.of());
    }

    /**
     * The same broker, not yet started, requiring SASL/PLAIN logins: {@code users} maps user names to passwords
     * and must include {@value #SUPER_USER}, the one user the authorizer lets do anything (it provisions topics and
     * ACLs, and carries the broker's own traffic to its controller).
     */
    public KafkaBroker withSasl(Map<String, String> users) {
        if (!users.containsKey(SUPER_USER)) {
            throw new IllegalArgumentException("the SASL users must include " + SUPER_USER);
        }
        return new KafkaBroker(dataDir, port, controllerPort, classpath, log, users);
    }

    /**
     * Client settings for connecting as {@code user}: the bootstrap address, and on a SASL broker the login.
     * A user the broker does not know gets settings that fail to authenticate, like a wrong password.
     */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (!saslUsers.isEmpty()) {
            config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, plainLogin(user, saslUsers.getOrDefault(user, "not-" + user + "-s-password")));
        }
        return config;
    }

    private static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
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
        // An open broker's client listener is PLAINTEXT; a SASL broker's is named BROKER, as in compose.
        String listener = saslUsers.isEmpty() ? "PLAINTEXT" : "BROKER";
        String protocol = saslUsers.isEmpty() ? "PLAINTEXT" : "SASL_PLAINTEXT";
        props.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", listener + "://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", listener + ":" + protocol + ",CONTROLLER:" + protocol);
        props.put("inter.broker.listener.name", listener);
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
        if (!saslUsers.isEmpty()) {
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            props.put("sasl.mechanism.controller.protocol", "PLAIN");
            StringBuilder users = new StringBuilder(plainLogin(SUPER_USER, saslUsers.get(SUPER_USER)).replaceFirst(";$", ""));
            saslUsers.forEach((user, password) -> users.append(" user_").append(user).append("=\"").append(password).append('"'));
            props.put("listener.name.broker.plain.sasl.jaas.config", users + ";");
            props.put("listener.name.controller.plain.sasl.jaas.config", users + ";");
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            props.put("super.users", "User:" + SUPER_USER);
            props.put("allow.everyone.if.no.acl.found", "false");
        }
        Path file = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            props.store(out, "tokenwarden sandbox broker");
        }
        return file;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Map<String, Object> config = clientConfig(SUPER_USER);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
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
