package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The inventory: every credential the system keeps rotated. Writes go to the compacted inventory topic and
 * reach the list once this replica has read them back (normally within a second).
 */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class InventoryResource {
    private final Schedule schedule;
    private final InventoryValidator validator;
    private final ScheduleOutbox outbox;
    private final Clock clock;
    private final CurrentPrincipal principal;

    public InventoryResource(Schedule schedule, InventoryValidator validator, ScheduleOutbox outbox, Clock clock, CurrentPrincipal principal) {
        this.schedule = schedule;
        this.validator = validator;
        this.outbox = outbox;
        this.clock = clock;
        this.principal = principal;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every inventory entry, by id")
    public List<InventoryEntry> list() {
        return schedule.entries();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One inventory entry")
    public InventoryEntry get(@PathParam("id") String id) {
        return schedule.entry(id).orElseThrow(() -> unknownCredential(id));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Add an entry; 409 if its id exists")
    public Response create(InventoryEntry entry) throws ScheduleOutbox.SendFailedException {
        validator.requireValid(List.of(entry));
        if (schedule.entry(entry.id()).isPresent()) {
            throw ProblemException.conflict("an entry with id '" + entry.id() + "' exists; PUT it to change it");
        }
        outbox.put(entry);
        record("inventory.create", entry.id());
        return Response.created(URI.create("/inventory/" + entry.id())).entity(entry).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create or replace an entry")
    public Response put(@PathParam("id") String id, InventoryEntry entry) throws ScheduleOutbox.SendFailedException {
        if (!id.equals(entry.id())) {
            throw ProblemException.invalidField("id", "the path names '" + id + "' but the body's id is '" + entry.id() + "'");
        }
        validator.requireValid(List.of(entry));
        outbox.put(entry);
        record("inventory.put", id);
        return Response.ok(entry).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove an entry (a tombstone on the inventory topic); its credential is no longer rotated")
    public Response delete(@PathParam("id") String id) throws ScheduleOutbox.SendFailedException {
        if (schedule.entry(id).isEmpty()) {
            throw unknownCredential(id);
        }
        outbox.delete(id);
        record("inventory.delete", id);
        return Response.noContent().build();
    }

    private void record(String action, String target) {
        outbox.record(principal.caller().action(UUID.randomUUID().toString(), Service.ROTATION_SCHEDULER, action, target,
                "accepted", clock.instant()));
    }

    static ProblemException unknownCredential(String id) {
        return ProblemException.notFound("no inventory entry has id '" + id + "'");
    }
}
