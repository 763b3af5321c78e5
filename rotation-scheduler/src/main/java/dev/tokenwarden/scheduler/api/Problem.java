package dev.tokenwarden.scheduler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tokenwarden.scheduler.domain.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem document; {@code violations} lists every field of every entry that was refused. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String title, String detail, List<Violation> violations) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, violations)).build();
    }

    public static Response response(Response.Status status, String title, String detail) {
        return response(status, title, detail, List.of());
    }
}
