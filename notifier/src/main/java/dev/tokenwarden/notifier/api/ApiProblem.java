package dev.tokenwarden.notifier.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client error answered as {@code application/problem+json} (RFC 9457), with a detail that says what to fix. */
public final class ApiProblem extends WebApplicationException {
    public static final String MEDIA_TYPE = "application/problem+json";

    private ApiProblem(Response response) {
        super(response);
    }

    public static ApiProblem of(Response.Status status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.getStatusCode());
        body.put("detail", detail);
        return new ApiProblem(Response.status(status).type(MEDIA_TYPE).entity(body).build());
    }
}
