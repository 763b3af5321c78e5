package dev.tokenwarden.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenwarden.platform.api.Problem;
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
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final ProblemMappers platform = new ProblemMappers();

    /**
     * The first violation's field names the problem and the detail lists them all; the {@code violations}
     * extension member names each one's entry, field and message, so a client can point at every one.
     */
    @ServerExceptionMapper
    public Response rejected(InventoryRejectedException e, UriInfo uri) throws JsonProcessingException {
        Response problem = platform.problem(ProblemException.invalidField(e.violations().getFirst().field(), e.getMessage()), uri);
        ObjectNode body = (ObjectNode) JSON.readTree((String) problem.getEntity());
        body.set("violations", JSON.valueToTree(e.violations()));
        return Response.fromResponse(problem).type(Problem.MEDIA_TYPE).entity(JSON.writeValueAsString(body)).build();
    }

    @ServerExceptionMapper
    public Response sendFailed(ScheduleOutbox.SendFailedException e, UriInfo uri) {
        return platform.problem(new ProblemException(503, "kafka-unavailable", "Kafka unavailable",
                "the change was not stored: " + e.getMessage(), null), uri);
    }
}
