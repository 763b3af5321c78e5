package dev.tokenwarden.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** docs/asyncapi.yaml describes exactly the topics, types, producers and schema files the code has. */
class AsyncApiDocumentTest {
    /** Surefire runs in the module directory; the document sits beside the modules. */
    private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");
    private static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");
    private static final String DEAD_LETTERS = "deadLetters";
    private static final String DEAD_LETTER_MESSAGE = "deadLetter";

    private static Map<String, Object> document;

    @BeforeAll
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
            document = map(new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromReader(reader));
        }
    }

    @Test
    void isAsyncApi3() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
    }

    @Test
    void hasOneChannelPerTopicAndNoOther() {
        Set<String> addresses = channels().entrySet().stream()
                .filter(channel -> !channel.getKey().equals(DEAD_LETTERS))
                .map(channel -> (String) map(channel.getValue()).get("address"))
                .collect(Collectors.toSet());

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(TopicCatalogue.all());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void typeIsAMessageOfItsTopicsChannelWithItsHeadersPayloadAndProducers(EventType type) {
        Map<String, Object> channel = channelOf(type.topic());
        String messageId = messageIdOf(type);
        Map<String, Object> message = map(components("messages").get(messageId));

        assertThat(map(channel.get("messages"))).containsKey(messageId);
        assertThat((String) channel.get("description"))
                .contains("Key:")
                .contains(type.compacted() ? "Compacted" : "Not compacted");
        assertThat(at(channel, "bindings", "kafka", "topicConfiguration", "cleanup.policy"))
                .isEqualTo(List.of(type.compacted() ? "compact" : "delete"));

        Map<String, Object> ceAttributes = map(at(list(at(message, "headers", "allOf")).get(1), "properties"));
        assertThat(at(ceAttributes, "ce_type", "const")).isEqualTo(type.ceType());
        assertThat(list(at(ceAttributes, "ce_source", "enum")))
                .containsExactlyInAnyOrderElementsOf(type.producers().stream().map(Service::source).toList());
        assertThat(at(message, "payload", "$ref"))
                .isEqualTo("../events/src/main/resources/schemas/" + SchemaFiles.fileOf(type));
        assertThat(DOCUMENT.resolveSibling((String) at(message, "payload", "$ref"))).isRegularFile();
        assertThat(map(at(message, "bindings", "kafka", "key")).get("description")).isNotNull();
    }

    @Test
    void everyMessageIsAnEventTypeOrTheDeadLetter() {
        Set<String> names = components("messages").values().stream()
                .map(message -> (String) map(message).get("name"))
                .collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.toCollection(HashSet::new));
        expected.add("dead-letter");

        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void sendOperationsAreExactlyEachProducerOfEachType() {
        Set<String> declared = operations().values().stream().map(AsyncApiDocumentTest::map).map(operation -> {
            assertThat(operation.get("action")).isEqualTo("send");
            String producer = (String) map(list(operation.get("tags")).getFirst()).get("name");
            String messageRef = (String) map(list(operation.get("messages")).getFirst()).get("$ref");
            String channelRef = (String) map(operation.get("channel")).get("$ref");
            assertThat(messageRef).startsWith(channelRef + "/messages/");
            return producer + " " + messageRef.substring(messageRef.lastIndexOf('/') + 1);
        }).collect(Collectors.toSet());

        Set<String> expected = Arrays.stream(EventType.values())
                .flatMap(type -> type.producers().stream().map(service -> service.id() + " " + messageIdOf(type)))
                .collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everySchemaFileIsAnEventTypesPayload() throws IOException {
        Set<String> payloadFiles = Arrays.stream(EventType.values()).map(SchemaFiles::fileOf).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            Set<String> onDisk = files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals("common.json"))
                    .collect(Collectors.toSet());
            assertThat(onDisk).containsExactlyInAnyOrderElementsOf(payloadFiles);
        }
    }

    @Test
    void deadLetterChannelFollowsTopicsDeadLetterForEveryServiceAndTopic() {
        Map<String, Object> channel = map(channels().get(DEAD_LETTERS));
        String address = (String) channel.get("address");
        List<Object> services = list(at(channel, "parameters", "service", "enum"));
        List<Object> topics = list(at(channel, "parameters", "topic", "enum"));

        assertThat(services).containsExactlyInAnyOrderElementsOf(Arrays.stream(Service.values()).map(Service::id).toList());
        assertThat(topics).containsExactlyInAnyOrderElementsOf(
                TopicCatalogue.all().stream().map(topic -> topic.substring(Topics.PREFIX.length())).toList());
        for (Service service : Service.values()) {
            for (String topic : TopicCatalogue.all()) {
                String resolved = address.replace("{service}", service.id())
                        .replace("{topic}", topic.substring(Topics.PREFIX.length()));
                assertThat(resolved).isEqualTo(Topics.deadLetter(service, topic));
            }
        }
        assertThat(map(channel.get("messages"))).containsOnlyKeys(DEAD_LETTER_MESSAGE);
        assertThat(list(at(components("messages").get(DEAD_LETTER_MESSAGE), "headers", "required"))).contains("dead-letter-reason");
    }

    /** The message's id in the document: the type's name in lower camel case, for example {@code tokenRotationFailed}. */
    private static String messageIdOf(EventType type) {
        List<Object> found = components("messages").entrySet().stream()
                .filter(message -> type.ceType().equals(map(message.getValue()).get("name")))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
        assertThat(found).as("messages named %s", type.ceType()).hasSize(1);
        return (String) found.getFirst();
    }

    private static Map<String, Object> channelOf(String topic) {
        List<Map<String, Object>> found = channels().values().stream().map(AsyncApiDocumentTest::map)
                .filter(channel -> topic.equals(channel.get("address")))
                .toList();
        assertThat(found).as("channels with address %s", topic).hasSize(1);
        return found.getFirst();
    }

    private static Map<String, Object> channels() {
        return map(document.get("channels"));
    }

    private static Map<String, Object> operations() {
        return map(document.get("operations"));
    }

    private static Map<String, Object> components(String kind) {
        return map(map(document.get("components")).get(kind));
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = map(current).get(step);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }
}
