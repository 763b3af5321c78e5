package dev.tokenwarden.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.infra.InventoryYaml;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json that says what is wrong, never as a stack trace. */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response rejected(InventoryRejectedException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid inventory entry", e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response sendFailed(ScheduleOutbox.SendFailedException e) {
        return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "Kafka unavailable", "the change was not stored: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return badJson(unreadable);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        Response.Status known = status == null ? Response.Status.INTERNAL_SERVER_ERROR : status;
        return Problem.response(known, known.getReasonPhrase(), e.getMessage());
    }

    /** Names the field (Jackson's path) and the reason (the record's own check) without echoing the body. */
    private static Response badJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? InventoryYaml.fieldPath(mapping) : "";
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = cause == e ? e.getOriginalMessage() : cause.getMessage();
        String firstLine = reason == null ? "malformed JSON" : reason.lines().findFirst().orElse(reason);
        return Problem.response(Response.Status.BAD_REQUEST, "Invalid request body",
                field.isEmpty() ? firstLine : "field '" + field + "': " + firstLine);
    }
}
