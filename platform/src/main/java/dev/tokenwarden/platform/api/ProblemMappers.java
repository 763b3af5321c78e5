package dev.tokenwarden.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.tokenwarden.platform.redaction.Redactor;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into an RFC 9457 problem. Nothing from the request body is echoed
 * (Jackson's own messages quote the input); unexpected errors get a generic detail and a correlation id
 * that the server logs with the stack trace. Authentication is lazy (see platform's config), so security
 * failures arrive here too.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_ECHO = 100;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.toProblem(instance(uri)).toResponse();
    }

    /** Jackson's failures reach here raw or, for most of them, wrapped in a 400 by the body reader (see {@link #http}). */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        return switch (e) {
            case UnrecognizedPropertyException unknown -> invalid(field, "unknown field '" + field + "'", uri);
            // A DTO's constructor refused the values; its message is ours (see Wire.required), not the input's.
            case ValueInstantiationException refused -> invalid(field,
                    refused.getCause() == null ? "request body was refused" : echo(refused.getCause().getMessage()), uri);
            case InvalidDefinitionException notReadable -> unexpected(notReadable, uri);
            case MismatchedInputException mismatched -> invalid(field,
                    field.isEmpty() ? "request body has the wrong shape" : "field '" + field + "' is missing or has the wrong type", uri);
            default -> new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed request body", 400,
                    "request body is not valid JSON", instance(uri), null, null).toResponse();
        };
    }

    /** Needed beside {@link #unreadableBody}: Quarkus has its own, more specific mapper for this one. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.ofStatus(403, "your role does not allow this operation", instance(uri)).toResponse();
    }

    /**
     * A response the thrower built with a body is sent as it is. Bodiless framework answers (404 inside a
     * resource, 405, 406, 415, ...) become problems whose detail is the status: their message may quote input.
     */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableBody(unreadable, uri);
        }
        if (e.getResponse().hasEntity()) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        return Problem.ofStatus(status, Problem.reasonPhrase(status), instance(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, correlation id %s, path %s", correlationId, instance(uri));
        return new Problem(Problem.BLANK, Problem.reasonPhrase(500), 500,
                "unexpected error; quote the correlation id when reporting it", instance(uri), null, correlationId)
                .toResponse();
    }

    private static Response unauthenticated(UriInfo uri) {
        Response problem = Problem.ofStatus(401, "valid credentials are required", instance(uri)).toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response invalid(String field, String detail, UriInfo uri) {
        return ProblemException.invalidField(field.isEmpty() ? null : field, detail).toProblem(instance(uri)).toResponse();
    }

    /** The path of the field at fault, for example {@code entry.appPool[0].appId}. */
    private static String fieldPath(JsonMappingException e) {
        return echo(e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", ""));
    }

    /** Request text that goes back to the caller: credential shapes masked, length capped. */
    private static String echo(String text) {
        if (text == null) {
            return "";
        }
        String redacted = Redactor.redact(text);
        return redacted.length() <= MAX_ECHO ? redacted : redacted.substring(0, MAX_ECHO) + "...";
    }

    private static String instance(UriInfo uri) {
        return echo(uri.getRequestUri().getRawPath());
    }
}
