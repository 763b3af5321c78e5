package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;
import dev.tokenwarden.sandbox.kafka.KafkaBrokerMain;
import dev.tokenwarden.sandbox.kafka.ServiceAcls;
import dev.tokenwarden.sandbox.process.LoopbackPorts;
import dev.tokenwarden.sandbox.process.TiedProcess;

/**
 * The compose Kafka for real: a broker started with the {@code kafka} service's own settings from
 * docker-compose.yml (SASL/PLAIN users, the standard authorizer, no access without an ACL), provisioned by
 * {@code deploy/kafka/provision.sh} through Kafka's own topic and ACL commands, then used as each service's
 * user: it may produce what EventType allows it and nothing else, and consume only in its own groups.
 */
class ComposeKafkaSecurityIT {
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)[^}]*}");
    private static final Map<String, String> VARIABLES = new HashMap<>();
    private static Path work;
    private static Process broker;
    private static String bootstrap;

    @BeforeAll
    static void startTheComposeBrokerAndProvisionIt() throws Exception {
        work = Files.createTempDirectory("tokenwarden-compose-kafka");
        VARIABLES.put("KAFKA_ADMIN_PASSWORD", UUID.randomUUID().toString());
        for (Service service : Service.values()) {
            VARIABLES.put("KAFKA_PASSWORD_" + service.id().toUpperCase().replace('-', '_'), UUID.randomUUID().toString());
        }
        int port = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        bootstrap = "127.0.0.1:" + port;

        Properties server = brokerProperties();
        // Only addresses and storage differ from compose: loopback ports, a temporary log directory, and the
        // controller quorum named for the sandbox's single-node format.
        server.put("listeners", "BROKER://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.put("advertised.listeners", "BROKER://127.0.0.1:" + port);
        server.remove("controller.quorum.voters");
        server.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        server.put("log.dirs", work.resolve("logs").toString());
        Path properties = work.resolve("server.properties");
        try (var out = Files.newBufferedWriter(properties)) {
            server.store(out, "the compose kafka service's settings");
        }
        broker = new ProcessBuilder(TiedProcess.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(), properties.toString(),
                org.apache.kafka.common.Uuid.randomUuid().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("broker.log").toFile()).start();
        awaitReady();
        provision();
    }

    @AfterAll
    static void stopTheBrokerAndRemoveItsFiles() throws InterruptedException, IOException {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The compose service's KAFKA_* variables as the apache/kafka image turns them into broker properties. */
    private static Properties brokerProperties() {
        Map<String, Object> kafka = Yaml.map(Yaml.at(RepositoryFiles.yamlDocument(RepositoryFiles.resolve("docker-compose.yml")),
                "services", "kafka", "environment").orElseThrow(), "kafka environment");
        Properties properties = new Properties();
        kafka.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                String property = name.substring("KAFKA_".length()).toLowerCase()
                        .replace("___", "\u0000").replace("__", "\u0001").replace('_', '.')
                        .replace('\u0000', '-').replace('\u0001', '_');
                properties.put(property, interpolate(String.valueOf(value)));
            }
        });
        return properties;
    }

    private static String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = VARIABLES.get(m.group(1));
            assertThat(replacement).as("a test value for ${%s}", m.group(1)).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private static Map<String, Object> client(String user, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return config;
    }

    private static Map<String, Object> admin() {
        return client("admin", VARIABLES.get("KAFKA_ADMIN_PASSWORD"));
    }

    private static Map<String, Object> serviceUser(Service service) {
        return client("tokenwarden-" + service.id(), VARIABLES.get("KAFKA_PASSWORD_" + service.id().toUpperCase().replace('-', '_')));
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Admin admin = Admin.create(admin())) {
            while (System.nanoTime() < deadline) {
                assertThat(broker.isAlive()).as("broker running; see %s", work.resolve("broker.log")).isTrue();
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    Thread.sleep(250);
                }
            }
        }
        throw new AssertionError("the compose broker was not ready in 120 s; see " + work.resolve("broker.log"));
    }

    /** provision.sh with KAFKA_BIN pointing at wrappers that run Kafka's tool classes from this classpath. */
    private static void provision() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        wrapper(bin.resolve("kafka-topics.sh"), "org.apache.kafka.tools.TopicCommand");
        wrapper(bin.resolve("kafka-acls.sh"), "org.apache.kafka.tools.AclCommand");
        ProcessBuilder builder = new ProcessBuilder("sh", RepositoryFiles.resolve("deploy/kafka/provision.sh").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("provision.log").toFile());
        builder.environment().put("KAFKA_BIN", bin.toString());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("KAFKA_ADMIN_PASSWORD", VARIABLES.get("KAFKA_ADMIN_PASSWORD"));
        builder.environment().put("TOOL_JAVA", TiedProcess.javaExecutable());
        // Jars only: Kafka's tools need nothing else, and a class-data archive refuses a class path with directories.
        builder.environment().put("TOOL_CLASSPATH", Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator)));
        Process provision = builder.start();
        assertThat(provision.waitFor(5, TimeUnit.MINUTES)).as("provision.sh finished").isTrue();
        assertThat(provision.exitValue()).as(Files.readString(work.resolve("provision.log"))).isZero();
    }

    private static void wrapper(Path file, String mainClass) throws IOException {
        // Short-lived JVMs, about fifty of them: the C1 compiler only and the serial collector start fastest, and a
        // class-data archive the first one writes (JDK 19+) spares the others loading Kafka's classes again.
        Files.writeString(file, "#!/bin/sh\nexec \"$TOOL_JAVA\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                + " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=\"" + work.resolve("tools.jsa") + "\" -Xlog:cds=off -Xlog:cds+dynamic=off"
                + " -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp \"$TOOL_CLASSPATH\" "
                + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void everyTopicOfTopicsConfExistsWithItsPartitionsAndPolicies() throws Exception {
        Map<String, String[]> declared = new TreeMap<>();
        RepositoryFiles.table(RepositoryFiles.resolve("deploy/kafka/topics.conf")).forEach(row -> declared.put(row[0], row));
        try (Admin admin = Admin.create(admin())) {
            assertThat(admin.listTopics().names().get()).containsAll(declared.keySet());
            Map<String, TopicDescription> topics = admin.describeTopics(declared.keySet()).allTopicNames().get();
            List<ConfigResource> resources = declared.keySet().stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            declared.forEach((topic, row) -> {
                assertThat(topics.get(topic).partitions()).as(topic).hasSize(Integer.parseInt(row[1]));
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo(row[2]);
                assertThat(config.get("retention.ms").value()).as(topic).isEqualTo(row[3]);
            });
        }
    }

    @Test
    void theBrokerHoldsExactlyTheAclsOfAclsConf() throws Exception {
        Map<String, Set<String>> expected = new TreeMap<>();
        KafkaProvisioning.composeGrants().forEach((service, grants) -> {
            Set<String> bindings = expected.computeIfAbsent("User:tokenwarden-" + service.id(), p -> new TreeSet<>());
            for (String grant : grants) {
                String[] parts = grant.split(" ");
                String operation = parts[0].equals("read") ? "READ" : "WRITE";
                bindings.add("TOPIC LITERAL " + parts[1] + " " + operation);
                bindings.add("TOPIC LITERAL " + parts[1] + " DESCRIBE");
            }
            bindings.add("GROUP PREFIXED " + service.id() + " READ");
        });
        try (Admin admin = Admin.create(admin())) {
            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get();
            Map<String, Set<String>> actual = acls.stream().collect(Collectors.groupingBy(b -> b.entry().principal(), TreeMap::new,
                    Collectors.mapping(b -> b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name()
                            + " " + b.entry().operation(), Collectors.toCollection(TreeSet::new))));
            assertThat(actual).isEqualTo(expected);
            assertThat(acls).allSatisfy(b -> assertThat(b.pattern().resourceType()).isIn(ResourceType.TOPIC, ResourceType.GROUP));
            assertThat(acls).allSatisfy(b -> assertThat(b.pattern().patternType()).isIn(PatternType.LITERAL, PatternType.PREFIXED));
        }
    }

    @Test
    void eachServiceProducesWhatEventTypeAllowsItAndIsRefusedAnythingElse() throws Exception {
        for (Service service : Service.values()) {
            Set<String> allowed = ServiceAcls.produced(service);
            String forbidden = java.util.Arrays.stream(EventType.values()).map(EventType::topic)
                    .filter(t -> !allowed.contains(t)).findFirst().orElseThrow();
            Map<String, Object> config = serviceUser(service);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                for (String topic : allowed) {
                    assertThat(producer.send(new ProducerRecord<>(topic, "k", new byte[0])).get(30, TimeUnit.SECONDS).topic()).isEqualTo(topic);
                }
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(forbidden, "k", new byte[0])).get(30, TimeUnit.SECONDS))
                        .as("%s producing to %s", service.id(), forbidden)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void onlyTheSchedulersUserPublishesRotationDue() {
        ProducerRecord<String, byte[]> due = new ProducerRecord<>(Topics.ROTATION_DUE, "k", new byte[0]);
        for (Service service : Service.values()) {
            if (service != Service.ROTATION_SCHEDULER) {
                assertThatThrownBy(() -> send(serviceUser(service), due)).as("%s publishing rotation.due", service.id())
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        assertThatThrownBy(() -> send(client("tokenwarden-rotation-scheduler", "guessed"), due))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static void send(Map<String, Object> config, ProducerRecord<String, byte[]> record) throws Exception {
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aServiceConsumesOnlyInConsumerGroupsNamedAfterIt() {
        Map<String, Object> config = serviceUser(Service.NOTIFIER);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "notifier");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("tokenwarden.incidents"));
            consumer.poll(Duration.ofSeconds(5));
            consumer.commitSync();
        }
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "someone-else");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("tokenwarden.incidents"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }
}
