package dev.tokenwarden.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of every payload: ISO-8601 instants and durations, absent optionals left out,
 * unknown fields ignored (so producers may add optional fields), missing required fields refused
 * (by the records' constructors).
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }

    /** Reads one payload; the exception's message names the payload type and what is wrong. */
    public static <T> T read(byte[] body, Class<T> type) {
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new MalformedPayloadException(type, e);
        }
    }

    /** Thrown when a body is not a valid payload of its type. */
    public static final class MalformedPayloadException extends UncheckedIOException {
        MalformedPayloadException(Class<?> type, IOException cause) {
            super("body is not a valid " + type.getSimpleName() + ": " + describe(cause), cause);
        }

        private static String describe(IOException cause) {
            if (cause instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException vie
                    && vie.getCause() != null) {
                return vie.getCause().getMessage();
            }
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
                return jpe.getOriginalMessage();
            }
            return cause.getClass().getSimpleName();
        }
    }
}
