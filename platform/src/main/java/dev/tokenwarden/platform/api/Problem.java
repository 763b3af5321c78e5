package dev.tokenwarden.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail: the body of every 4xx and 5xx answer of every tokenwarden service.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param field the request field at fault, for validation problems (an extension member)
 * @param correlationId the id under which the server logged an unexpected error (an extension member)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field, String correlationId) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://tokenwarden.dev/problems/";
    public static final String BLANK = "about:blank";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A problem that needs no type of its own: the title is the status's reason phrase. */
    public static Problem ofStatus(int status, String detail, String instance) {
        return new Problem(BLANK, reasonPhrase(status), status, detail, instance, null, null);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem of strings and an int always serialises", e);
        }
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
