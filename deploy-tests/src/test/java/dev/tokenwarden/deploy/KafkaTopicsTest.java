package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.events.Service;
import dev.tokenwarden.events.Topics;

/** deploy/kafka/topics.conf (compose) and the Strimzi KafkaTopics declare every topic the events module names. */
class KafkaTopicsTest {

    private record TopicSettings(int partitions, String cleanupPolicy, long retentionMs) {
    }

    private static Map<String, TopicSettings> composeTopics() {
        Map<String, TopicSettings> topics = new TreeMap<>();
        for (String[] row : RepositoryFiles.table(RepositoryFiles.resolve("deploy/kafka/topics.conf"))) {
            assertThat(topics.put(row[0], new TopicSettings(Integer.parseInt(row[1]), row[2], Long.parseLong(row[3]))))
                    .as("topic %s declared twice in topics.conf", row[0]).isNull();
        }
        return topics;
    }

    private static Map<String, TopicSettings> strimziTopics() {
        Map<String, TopicSettings> topics = new TreeMap<>();
        for (Map<String, Object> topic : RepositoryFiles.yamlDocuments(RepositoryFiles.resolve("deploy/kubernetes/base/kafka/topics.yaml"))) {
            assertThat(topic.get("kind")).isEqualTo("KafkaTopic");
            assertThat(Yaml.string(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("tokenwarden");
            String name = Yaml.string(topic, "spec", "topicName");
            assertThat(Yaml.string(topic, "metadata", "name")).isEqualTo(name);
            topics.put(name, new TopicSettings(
                    Integer.parseInt(Yaml.string(topic, "spec", "partitions")),
                    Yaml.string(topic, "spec", "config", "cleanup.policy"),
                    Long.parseLong(Yaml.string(topic, "spec", "config", "retention.ms"))));
        }
        return topics;
    }

    @Test
    void composeAndStrimziDeclareTheSameTopicsWithTheSameSettings() {
        assertThat(strimziTopics()).isEqualTo(composeTopics());
    }

    @Test
    void everyEventTopicIsDeclaredAndCompactedExactlyWhenItsEventTypesAre() {
        Map<String, TopicSettings> declared = composeTopics();
        KafkaProvisioning.compactedByTopic().forEach((topic, compacted) -> {
            assertThat(declared).as("topics.conf").containsKey(topic);
            assertThat(declared.get(topic).cleanupPolicy()).as(topic).isEqualTo(compacted ? "compact" : "delete");
            if (compacted) {
                assertThat(declared.get(topic).retentionMs()).as("a compacted topic is state and never expires: " + topic).isEqualTo(-1);
            }
        });
    }

    @Test
    void everyOtherTopicIsADeadLetterTopicNamedByTopicsDeadLetter() {
        Set<String> others = composeTopics().keySet().stream()
                .filter(topic -> !KafkaProvisioning.compactedByTopic().containsKey(topic))
                .collect(Collectors.toSet());
        assertThat(others).allSatisfy(topic -> {
            assertThat(KafkaProvisioning.isDeadLetter(topic)).as(topic).isTrue();
            KafkaProvisioning.deadLetterOwner(topic);
        });
    }

    @Test
    void everyIncomingChannelOfEveryServiceHasItsTopicAndDeadLetterTopicDeclared() {
        Map<String, TopicSettings> declared = composeTopics();
        for (Service service : Service.values()) {
            ServiceConfig.of(service).incomingChannels().values().forEach(channel -> {
                assertThat(declared).as("%s channel %s reads", service.id(), channel.name()).containsKey(channel.topic());
                assertThat(channel.deadLetterTopic()).as("%s channel %s declares its dead-letter topic", service.id(), channel.name())
                        .contains(Topics.deadLetter(service, channel.topic()));
                assertThat(declared).containsKey(Topics.deadLetter(service, channel.topic()));
            });
        }
    }

    @Test
    void theDeadLetterTopicOfEveryConsumerNamedInTheAclsIsDeclared() {
        Map<String, TopicSettings> declared = composeTopics();
        KafkaProvisioning.composeGrants().forEach((service, grants) -> grants.stream()
                .filter(grant -> grant.startsWith("read "))
                .map(grant -> grant.substring("read ".length()))
                .filter(topic -> !KafkaProvisioning.isDeadLetter(topic))
                // Reading back what the service itself writes (the notifier's delivery log) rebuilds state from
                // its own records; only input from other producers can need a dead-letter topic.
                .filter(topic -> !grants.contains("write " + topic))
                .forEach(topic -> assertThat(declared).as("dead letters of %s reading %s", service.id(), topic)
                        .containsKey(Topics.deadLetter(service, topic))));
    }

    @Test
    void topicsConfHasFourColumnsOnEveryLine() {
        List<String[]> rows = RepositoryFiles.table(RepositoryFiles.resolve("deploy/kafka/topics.conf"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row).hasSize(4));
    }
}
