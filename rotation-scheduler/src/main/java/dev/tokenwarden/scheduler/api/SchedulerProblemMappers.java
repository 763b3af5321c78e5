package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.api.ProblemMappers;
import dev.tokenwarden.scheduler.domain.InventoryRejectedException;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The scheduler's own failures as platform problems; everything else is mapped by platform's
 * {@link ProblemMappers}, which these delegate to so the problem body is the same everywhere.
 */
public class SchedulerProblemMappers {
    private final ProblemMappers platform = new ProblemMappers();

    /** The first violation's field names the problem; the detail lists every violation of every entry. */
    @ServerExceptionMapper
    public Response rejected(InventoryRejectedException e, UriInfo uri) {
        return platform.problem(ProblemException.invalidField(e.violations().getFirst().field(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response sendFailed(ScheduleOutbox.SendFailedException e, UriInfo uri) {
        return platform.problem(new ProblemException(503, "kafka-unavailable", "Kafka unavailable",
                "the change was not stored: " + e.getMessage(), null), uri);
    }
}
