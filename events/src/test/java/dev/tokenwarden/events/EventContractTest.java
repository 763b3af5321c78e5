package dev.tokenwarden.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonPointer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every payload record, its JSON mapping and its JSON Schema say the same thing. */
class EventContractTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleRoundTripsThroughEventJsonUnchanged(EventType type) {
        Record sample = EventSamples.of(type);

        assertThat(sample).isInstanceOf(type.payload());
        assertThat(EventJson.read(EventJson.write(sample), type.payload())).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleSetsEveryFieldAndValidatesAgainstItsSchema(EventType type) {
        Record sample = EventSamples.of(type);
        JsonNode body = EventJson.mapper().valueToTree(sample);

        assertThat(fieldNames(body)).containsExactlyInAnyOrderElementsOf(componentNames(type.payload()));
        assertThat(SchemaFiles.validate(type, body)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void bodyMissingARequiredFieldIsRefusedByEventJsonAndBySchema(EventType type) {
        ObjectNode sample = EventJson.mapper().valueToTree(EventSamples.of(type));
        List<JsonPointer> required = requiredPointers(SchemaFiles.Node.root(type), sample, JsonPointer.empty());
        assertThat(required).isNotEmpty();

        for (JsonPointer pointer : required) {
            ObjectNode body = sample.deepCopy();
            ((ObjectNode) body.at(pointer.head())).remove(pointer.last().getMatchingProperty());
            String field = pointer.last().getMatchingProperty();

            assertThatThrownBy(() -> EventJson.read(EventJson.write(body), type.payload()))
                    .as("EventJson.read without %s", pointer)
                    .isInstanceOf(EventJson.MalformedPayloadException.class)
                    .hasMessageContaining("'" + field + "'");
            assertThat(SchemaFiles.validate(type, body)).as("schema validation without %s", pointer).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownFieldsAreIgnored(EventType type) {
        Record sample = EventSamples.of(type);
        ObjectNode body = EventJson.mapper().valueToTree(sample);
        body.put("addedByANewerProducer", "anything");
        body.putObject("nestedAddition").put("depth", 2);

        assertThat(EventJson.read(EventJson.write(body), type.payload())).isEqualTo(sample);
        assertThat(SchemaFiles.validate(type, body)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaNamesExactlyTheRecordsFieldsTheirRequiredOnesAndEnumWireValues(EventType type) {
        assertDescribes(SchemaFiles.Node.root(type), EventSamples.of(type), type.payload().getSimpleName());
    }

    /** Walks the record and its schema together, recursing into nested records and lists of records. */
    private static void assertDescribes(SchemaFiles.Node node, Record sample, String path) {
        SchemaFiles.Node schema = node.resolved();
        Class<? extends Record> recordType = sample.getClass();
        assertThat(fieldNames(schema.schema().path("properties"))).as("%s properties", path)
                .containsExactlyInAnyOrderElementsOf(componentNames(recordType));
        assertThat(texts(schema.schema().path("required"))).as("%s required", path)
                .containsExactlyInAnyOrderElementsOf(requiredByConstructor(sample));

        for (RecordComponent component : recordType.getRecordComponents()) {
            String at = path + "." + component.getName();
            SchemaFiles.Node property = schema.child("properties", component.getName());
            Object value = valueOf(component, sample);
            if (component.getType().isEnum()) {
                assertThat(texts(property.resolved().schema().path("enum"))).as("%s enum", at)
                        .containsExactlyElementsOf(wireValues(component.getType()));
            } else if (value instanceof Record nested) {
                assertDescribes(property, nested, at);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Record nested) {
                assertDescribes(property.child("items"), nested, at + "[]");
            } else if (Map.class.equals(component.getType()) && typeArgument(component, 0) instanceof Class<?> key && key.isEnum()) {
                assertThat(texts(property.child("propertyNames").resolved().schema().path("enum")))
                        .as("%s keys", at).containsExactlyElementsOf(wireValues(key));
            }
        }
    }

    /** A component is required when the canonical constructor refuses {@code null} for it. */
    private static Set<String> requiredByConstructor(Record sample) {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> valueOf(c, sample)).toArray();
        Constructor<?> canonical = canonicalConstructor(sample.getClass());
        Set<String> required = new HashSet<>();
        for (int i = 0; i < components.length; i++) {
            Object[] withNull = values.clone();
            withNull[i] = null;
            try {
                canonical.newInstance(withNull);
            } catch (InvocationTargetException e) {
                required.add(components[i].getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return required;
    }

    /** JSON pointers of every required field, in the body and in the nested objects the body carries. */
    private static List<JsonPointer> requiredPointers(SchemaFiles.Node node, JsonNode body, JsonPointer at) {
        SchemaFiles.Node schema = node.resolved();
        List<JsonPointer> pointers = new ArrayList<>();
        texts(schema.schema().path("required")).forEach(name -> pointers.add(at.appendProperty(name)));
        body.properties().forEach(field -> {
            SchemaFiles.Node property = schema.child("properties", field.getKey());
            JsonPointer child = at.appendProperty(field.getKey());
            if (field.getValue().isObject() && property.resolved().schema().has("properties")) {
                pointers.addAll(requiredPointers(property, field.getValue(), child));
            } else if (field.getValue().isArray() && !field.getValue().isEmpty() && field.getValue().get(0).isObject()) {
                pointers.addAll(requiredPointers(property.child("items"), field.getValue().get(0), child.appendIndex(0)));
            }
        });
        return pointers;
    }

    private static Constructor<?> canonicalConstructor(Class<?> recordType) {
        Class<?>[] types = Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return recordType.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Type typeArgument(RecordComponent component, int index) {
        return component.getGenericType() instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[index]
                : null;
    }

    private static List<String> wireValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> EventJson.mapper().valueToTree(constant).asText())
                .toList();
    }

    private static Set<String> componentNames(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private static Set<String> fieldNames(JsonNode object) {
        return StreamSupport.stream(object.properties().spliterator(), false).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
