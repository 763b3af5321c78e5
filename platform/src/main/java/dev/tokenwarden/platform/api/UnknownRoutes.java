package dev.tokenwarden.platform.api;

import dev.tokenwarden.platform.redaction.Redactor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A path no route serves never reaches the REST layer's exception mappers: Vert.x answers it last. This
 * route, ordered after every other, answers it as a problem too.
 */
@ApplicationScoped
public class UnknownRoutes {

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(context -> context.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Problem.ofStatus(404, "no resource at this path", Redactor.redact(context.request().path())).toJson()));
    }
}
