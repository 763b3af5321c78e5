package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import dev.tokenwarden.events.Service;

/** docker-compose.yml: images built from the modules, hardened containers, health-gated start order, and config. */
class DockerComposeTest {
    private static final Path COMPOSE_FILE = RepositoryFiles.resolve("docker-compose.yml");
    private static final Map<String, Object> COMPOSE = RepositoryFiles.yamlDocument(COMPOSE_FILE);
    private static final Map<String, Object> SERVICES = Yaml.map(COMPOSE.get("services"), "services");
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}; {@code $$} is a literal dollar. */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?[^}]*}");
    private static final Pattern USER_ENTRY = Pattern.compile("user_(tokenwarden-[a-z-]+)=");
    private static final Pattern USERNAME = Pattern.compile("username=\"([^\"]+)\"");

    private static Map<String, Object> service(String name) {
        assertThat(SERVICES).as("compose services").containsKey(name);
        return Yaml.map(SERVICES.get(name), name);
    }

    private static Map<String, Object> environment(String name) {
        return Yaml.map(service(name).getOrDefault("environment", Map.of()), name + " environment");
    }

    private static boolean oneShot(Map<String, Object> service) {
        return "no".equals(service.get("restart"));
    }

    @Test
    void everyTokenwardenServiceIsBuiltFromTheDockerfileOfAModuleThatExists() {
        List<String> modules = RepositoryFiles.modules();
        for (Service service : Service.values()) {
            Map<String, Object> compose = service(service.id());
            String context = Yaml.string(compose, "build", "context");
            assertThat(context).isEqualTo("./" + service.id());
            assertThat(modules).contains(service.id());
            Path dockerfile = RepositoryFiles.resolve(context).resolve(Yaml.string(compose, "build", "dockerfile"));
            assertThat(dockerfile).exists();
            assertThat(String.valueOf(compose.get("image"))).startsWith("tokenwarden/" + service.id() + ":");

            String text = RepositoryFiles.read(dockerfile);
            assertThat(text).contains("target/quarkus-app/lib/", "quarkus-run.jar", "-XX:AOTMode=record", "-XX:AOTCache=/deployments/app.aot");
            String user = text.lines().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).strip();
            assertThat(Integer.parseInt(user)).as("%s runs as a numeric non-root uid", service.id()).isPositive();
            assertThat(String.valueOf(compose.get("user"))).isEqualTo(user + ":" + user);
            assertThat(text).contains("EXPOSE " + ServiceConfig.of(service).httpPort());
        }
    }

    @Test
    void tokenwardenContainersAreReadOnlyWithoutCapabilitiesAndWithAWritableTmp() {
        for (Service service : Service.values()) {
            Map<String, Object> compose = service(service.id());
            assertThat(compose.get("read_only")).as(service.id()).isEqualTo(true);
            assertThat(Yaml.list(compose.get("cap_drop"), "cap_drop")).containsExactly("ALL");
            assertThat(Yaml.list(compose.get("security_opt"), "security_opt")).contains("no-new-privileges:true");
            assertThat(Yaml.list(compose.get("tmpfs"), "tmpfs")).contains("/tmp");
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndTheServicesCheckTheirReadinessEndpoint() {
        SERVICES.forEach((name, definition) -> {
            Map<String, Object> service = Yaml.map(definition, name);
            if (!oneShot(service)) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
        for (Service service : Service.values()) {
            String test = String.join(" ", Yaml.list(Yaml.at(service(service.id()), "healthcheck", "test").orElseThrow(), "test")
                    .stream().map(String::valueOf).toList());
            assertThat(test).contains("/q/health/ready", "/" + ServiceConfig.of(service).httpPort() + " ");
        }
    }

    @Test
    void dependenciesWaitForHealthOrCompletionOfServicesThatExist() {
        SERVICES.forEach((name, definition) -> Yaml.map(Yaml.map(definition, name).getOrDefault("depends_on", Map.of()), name)
                .forEach((dependency, spec) -> {
                    Map<String, Object> target = service(dependency);
                    String condition = Yaml.string(Yaml.map(spec, name + " depends_on " + dependency), "condition");
                    switch (condition) {
                        case "service_healthy" -> assertThat(target).as(dependency).containsKey("healthcheck");
                        case "service_completed_successfully" -> assertThat(oneShot(target)).as(dependency + " is one-shot").isTrue();
                        default -> throw new AssertionError(name + " waits for " + dependency + " with condition " + condition);
                    }
                }));
        for (Service service : Service.values()) {
            assertThat(Yaml.at(service(service.id()), "depends_on", "kafka-init", "condition"))
                    .as("%s starts after the topics and ACLs exist", service.id()).contains("service_completed_successfully");
        }
    }

    @Test
    void everyEnvironmentVariableAServiceReadsInProdIsProvided() {
        for (Service service : Service.values()) {
            assertThat(environment(service.id()).keySet()).as("environment of %s", service.id())
                    .containsAll(ServiceConfig.of(service).requiredEnvironment());
        }
    }

    @Test
    void eachServiceLogsIntoKafkaAsItsOwnUserWhomTheBrokerKnows() {
        String brokerUsers = String.valueOf(environment("kafka").get("KAFKA_LISTENER_NAME_BROKER_PLAIN_SASL_JAAS_CONFIG"));
        Set<String> known = USER_ENTRY.matcher(brokerUsers).results().map(m -> m.group(1)).collect(Collectors.toSet());
        Set<String> used = new TreeSet<>();
        for (Service service : Service.values()) {
            Map<String, Object> environment = environment(service.id());
            assertThat(environment).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "PLAIN");
            var username = USERNAME.matcher(String.valueOf(environment.get("KAFKA_SASL_JAAS_CONFIG")));
            assertThat(username.find()).as(service.id()).isTrue();
            assertThat(username.group(1)).isEqualTo("tokenwarden-" + service.id());
            used.add(username.group(1));
        }
        assertThat(known).isEqualTo(used);
        assertThat(environment("kafka")).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @Test
    void theBrokerImageIsTheKafkaVersionTheServicesClientsAreBuiltWith() {
        String version = AppInfoParser.getVersion();
        assertThat(String.valueOf(service("kafka").get("image"))).isEqualTo("apache/kafka:" + version);
        assertThat(String.valueOf(service("kafka-init").get("image"))).isEqualTo("apache/kafka:" + version);
    }

    @Test
    void theKafkaInitServiceRunsTheProvisioningScriptOverTheTopicAndAclTables() {
        Map<String, Object> init = service("kafka-init");
        assertThat(Yaml.list(init.get("volumes"), "volumes")).contains("./deploy/kafka:/opt/tokenwarden/kafka:ro");
        assertThat(Yaml.list(init.get("entrypoint"), "entrypoint")).containsExactly("/bin/sh", "/opt/tokenwarden/kafka/provision.sh");
        assertThat(RepositoryFiles.resolve("deploy/kafka/provision.sh")).isRegularFile();
    }

    @Test
    void theVaultInitServiceRunsTheVaultBootstrapAndGivesEachVaultUserATokenWithThePolicyItCreatesForIt() {
        Map<String, Object> init = service("vault-init");
        assertThat(Yaml.list(init.get("volumes"), "volumes")).contains("./deploy/vault:/opt/tokenwarden/vault:ro");
        String command = String.valueOf(Yaml.list(init.get("command"), "command").get(0));
        assertThat(command).contains("sh /opt/tokenwarden/vault/bootstrap.sh");
        String bootstrap = RepositoryFiles.read(RepositoryFiles.resolve("deploy/vault/bootstrap.sh"));
        assertThat(bootstrap).contains("put_policy tokenwarden-broker ", "put_policy \"tokenwarden-$service\" ");
        Map<String, String> tokens = Map.of("token-broker", "VAULT_BROKER_TOKEN", "workflow-auditor", "VAULT_AUDITOR_TOKEN",
                "notifier", "VAULT_NOTIFIER_TOKEN");
        tokens.forEach((service, variable) -> {
            String policy = service.equals("token-broker") ? "tokenwarden-broker" : "tokenwarden-" + service;
            assertThat(command).contains("service_token \"$$" + variable + "\" " + policy + " " + service + "\n");
            assertThat(environment(service)).as(service).containsEntry("TOKENWARDEN_VAULT_AUTH_METHOD", "token")
                    .containsEntry("TOKENWARDEN_VAULT_AUTH_TOKEN", environment("vault-init").get(variable))
                    .containsEntry("VAULT_ADDR", environment("vault-init").get("VAULT_ADDR"));
            assertThat(Yaml.at(service(service), "depends_on", "vault-init", "condition")).as(service)
                    .contains("service_completed_successfully");
        });
    }

    @Test
    void theAuditorAndNotifierReadTheCredentialsTheirPoliciesAllow() {
        assertThat(String.valueOf(environment("workflow-auditor").get("TOKENWARDEN_AUDITOR_GITHUB_TOKEN_VAULT_PATH")))
                .startsWith("github/auditor/workflow-auditor/");
        assertThat(String.valueOf(environment("notifier").get("NOTIFIER_GITHUB_TOKEN_VAULT_PATH"))).startsWith("github/notifier/notifier/");
    }

    @Test
    void everyVariableComposeNeedsIsInEnvExampleAndEveryVariableThereIsUsed() {
        String compose = RepositoryFiles.read(COMPOSE_FILE);
        Set<String> needed = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        INTERPOLATION.matcher(compose).results().forEach(m -> {
            referenced.add(m.group(1));
            if (m.group(2) == null || m.group(2).endsWith("?")) {
                needed.add(m.group(1));
            }
        });
        Set<String> example = RepositoryFiles.read(RepositoryFiles.resolve(".env.example")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(example).containsAll(needed);
        assertThat(referenced).containsAll(example);
    }
}
