package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.events.Service;
import dev.tokenwarden.sandbox.kafka.ServiceAcls;

/**
 * Each service may produce exactly the topics EventType allows it (plus its own dead letters) and read what it
 * consumes, in compose (deploy/kafka/acls.conf) and in the Strimzi KafkaUsers alike.
 */
class KafkaAclsTest {
    private static final Map<Service, Set<String>> GRANTS = KafkaProvisioning.composeGrants();

    private static Set<String> topics(Set<String> grants, String operation) {
        return grants.stream().filter(g -> g.startsWith(operation + " ")).map(g -> g.substring(operation.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyServiceHasGrants() {
        assertThat(GRANTS.keySet()).containsExactlyInAnyOrder(Service.values());
    }

    @Test
    void writesAreExactlyTheTopicsEventTypeAllowsPlusTheServicesOwnDeadLetters() {
        GRANTS.forEach((service, grants) -> {
            Set<String> writes = topics(grants, "write");
            assertThat(writes.stream().filter(t -> !KafkaProvisioning.isDeadLetter(t)).collect(Collectors.toSet()))
                    .as("%s writes", service.id()).isEqualTo(ServiceAcls.produced(service));
            writes.stream().filter(KafkaProvisioning::isDeadLetter)
                    .forEach(dlq -> assertThat(KafkaProvisioning.deadLetterOwner(dlq)).as(dlq).isEqualTo(service));
        });
    }

    @Test
    void aServiceReadsOnlyItsOwnDeadLettersAndCanReplayEveryOneItWrites() {
        GRANTS.forEach((service, grants) -> {
            Set<String> deadLetterReads = topics(grants, "read").stream().filter(KafkaProvisioning::isDeadLetter).collect(Collectors.toSet());
            Set<String> deadLetterWrites = topics(grants, "write").stream().filter(KafkaProvisioning::isDeadLetter).collect(Collectors.toSet());
            assertThat(deadLetterReads).as(service.id()).isEqualTo(deadLetterWrites);
        });
    }

    @Test
    void everyIncomingChannelIsReadableAndItsGroupIsCoveredByTheServicesGroupPrefix() {
        for (Service service : Service.values()) {
            ServiceConfig.of(service).incomingChannels().values().forEach(channel -> {
                assertThat(topics(GRANTS.get(service), "read")).as("%s channel %s", service.id(), channel.name()).contains(channel.topic());
                assertThat(channel.groupId()).as("%s channel %s group.id (ACL prefix)", service.id(), channel.name()).startsWith(service.id());
                channel.deadLetterTopic().ifPresent(dlq -> assertThat(topics(GRANTS.get(service), "write")).contains(dlq));
            });
        }
    }

    @Test
    void strimziKafkaUsersGrantExactlyWhatComposeGrants() {
        Map<Service, Set<String>> strimzi = new TreeMap<>();
        for (Map<String, Object> user : RepositoryFiles.yamlDocuments(RepositoryFiles.resolve("deploy/kubernetes/base/kafka/users.yaml"))) {
            assertThat(user.get("kind")).isEqualTo("KafkaUser");
            String name = Yaml.string(user, "metadata", "name");
            Service service = Service.byId(name.replaceFirst("^tokenwarden-", "")).orElseThrow(() -> new AssertionError("KafkaUser for no service: " + name));
            assertThat(Yaml.string(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
            assertThat(Yaml.string(user, "spec", "authorization", "type")).isEqualTo("simple");
            Set<String> grants = new TreeSet<>();
            for (Map<String, Object> acl : Yaml.maps(Yaml.at(user, "spec", "authorization", "acls").orElseThrow(), name)) {
                List<Object> operations = Yaml.list(acl.get("operations"), name + " operations");
                String type = Yaml.string(acl, "resource", "type");
                String resource = Yaml.string(acl, "resource", "name");
                if (type.equals("group")) {
                    assertThat(resource).isEqualTo(service.id());
                    assertThat(Yaml.string(acl, "resource", "patternType")).isEqualTo("prefix");
                    assertThat(operations).containsExactly("Read");
                    continue;
                }
                assertThat(type).as(name).isEqualTo("topic");
                assertThat(Yaml.string(acl, "resource", "patternType")).as(name + " " + resource).isEqualTo("literal");
                if (operations.equals(List.of("Write", "Describe"))) {
                    grants.add("write " + resource);
                } else {
                    assertThat(operations).as(name + " " + resource).isEqualTo(List.of("Read", "Describe"));
                    grants.add("read " + resource);
                }
            }
            strimzi.put(service, grants);
        }
        assertThat(strimzi).isEqualTo(GRANTS);
    }
}
