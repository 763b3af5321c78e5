package dev.tokenwarden.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** Loads the schema files from the classpath, as a consumer of the jar would, and follows their {@code $ref}s. */
final class SchemaFiles {
    static final String DIRECTORY = "schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Formats (date-time, duration) are only annotations by default in 2020-12; the contract means them. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private SchemaFiles() {
    }

    static String fileOf(EventType type) {
        return type.schemaResource().substring(("/" + DIRECTORY).length());
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode body) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:" + DIRECTORY + fileOf(type)), CONFIG);
        return schema.validate(body);
    }

    static JsonNode document(String file) {
        try (InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema file " + DIRECTORY + file);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema node and the file it sits in, so the next relative {@code $ref} resolves against that file. */
    record Node(String file, JsonNode schema) {
        static Node root(EventType type) {
            return new Node(fileOf(type), document(fileOf(type)));
        }

        /** Follows {@code $ref} (to another file, a fragment in this one, or both) until a node without one. */
        Node resolved() {
            JsonNode ref = schema.get("$ref");
            if (ref == null) {
                return this;
            }
            String[] parts = ref.asText().split("#", 2);
            String target = parts[0].isEmpty() ? file : parts[0];
            JsonNode document = document(target);
            JsonNode node = parts.length == 2 ? document.at(parts[1]) : document;
            if (node.isMissingNode()) {
                throw new IllegalStateException(file + ": $ref " + ref.asText() + " points nowhere");
            }
            return new Node(target, node).resolved();
        }

        /** The schema below this one at {@code path} (for example "properties", "id"), in the same file. */
        Node child(String... path) {
            JsonNode node = resolved().schema();
            for (String step : path) {
                node = node.path(step);
            }
            return new Node(resolved().file(), node);
        }
    }
}
