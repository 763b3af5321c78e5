package dev.tokenwarden.platform.api;

import dev.tokenwarden.platform.redaction.Redactor;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused before it is read. Quarkus
 * does that itself with a bare 413 in a route of order -2; this route runs just before it and gives the same
 * refusal as a problem. A body sent without a length (chunked) is limited by Quarkus while it is read.
 */
@ApplicationScoped
public class OversizedBodies {
    private final Optional<MemorySize> limit;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.limit = limit;
    }

    void register(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(-3).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared == null || !declared.matches("[0-9]{1,18}") || Long.parseLong(declared) <= max.asLongValue()) {
                context.next();
                return;
            }
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Problem.ofStatus(413, "the request body is " + declared + " bytes; at most " + max.asLongValue()
                            + " are accepted", Redactor.redact(context.request().path())).toJson());
        }));
    }
}
