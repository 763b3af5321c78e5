package dev.tokenwarden.notifier.api;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.notifier.messaging.DeliveryLogPublisher;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/deliveries")
@Tag(name = "deliveries", description = "The delivery log: every attempt, its receiver, outcome and time")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {
    private final DeliveryLogPublisher log;

    public DeliveriesResource(DeliveryLogPublisher log) {
        this.log = log;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Delivery attempts for one incident, oldest first")
    @APIResponse(responseCode = "200", description = "the attempts (empty if none)")
    @APIResponse(responseCode = "400", description = "incidentKey missing (problem+json)")
    public List<DeliveryRecord> deliveries(@QueryParam("incidentKey") String incidentKey) {
        if (incidentKey == null || incidentKey.isBlank()) {
            throw ProblemException.invalidField("incidentKey", "query parameter incidentKey is required");
        }
        return log.forIncident(incidentKey);
    }
}
