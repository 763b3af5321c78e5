package dev.tokenwarden.platform.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * Request bodies of our own APIs refuse unknown fields (a misspelt field must not be silently ignored),
 * while the application's ObjectMapper, which clients of third-party APIs share, stays lenient. Only the
 * REST server uses this mapper. A DTO that must accept a third party's payload opts out with
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictRequestBodies implements ContextResolver<ObjectMapper> {
    private final ObjectMapper strict;

    public StrictRequestBodies(ObjectMapper application) {
        this.strict = application.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
