package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
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

    public InventoryResource(Schedule schedule, InventoryValidator validator, ScheduleOutbox outbox, Clock clock) {
        this.schedule = schedule;
        this.validator = validator;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every inventory entry, by id")
    public List<InventoryEntry> list() {
        return schedule.entries();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One inventory entry")
    public Response get(@PathParam("id") String id) {
        return schedule.entry(id).map(entry -> Response.ok(entry).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Operation(summary = "Add an entry; 409 if its id exists")
    public Response create(InventoryEntry entry, @Context SecurityContext security) throws ScheduleOutbox.SendFailedException {
        validator.requireValid(List.of(entry));
        if (schedule.entry(entry.id()).isPresent()) {
            return Problem.response(Response.Status.CONFLICT, "Entry exists", "an entry with id '" + entry.id() + "' exists; PUT it to change it");
        }
        outbox.put(entry);
        record(security, "inventory.create", entry.id());
        return Response.created(URI.create("/inventory/" + entry.id())).entity(entry).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Create or replace an entry")
    public Response put(@PathParam("id") String id, InventoryEntry entry, @Context SecurityContext security) throws ScheduleOutbox.SendFailedException {
        if (!id.equals(entry.id())) {
            throw new IllegalArgumentException("the path names '" + id + "' but the body's id is '" + entry.id() + "'");
        }
        validator.requireValid(List.of(entry));
        outbox.put(entry);
        record(security, "inventory.put", id);
        return Response.ok(entry).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an entry (a tombstone on the inventory topic); its credential is no longer rotated")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) throws ScheduleOutbox.SendFailedException {
        if (schedule.entry(id).isEmpty()) {
            return notFound(id);
        }
        outbox.delete(id);
        record(security, "inventory.delete", id);
        return Response.noContent().build();
    }

    private void record(SecurityContext security, String action, String target) {
        Caller caller = Caller.of(security);
        outbox.record(new OperatorAction(UUID.randomUUID().toString(), caller.principal(), caller.role(), "rotation-scheduler", action,
                target, "accepted", clock.instant()));
    }

    static Response notFound(String id) {
        return Problem.response(Response.Status.NOT_FOUND, "Unknown credential", "no inventory entry has id '" + id + "'");
    }
}
