package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import dev.tokenwarden.scheduler.domain.Pacing;
import dev.tokenwarden.scheduler.domain.RotationRecord;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.domain.Upcoming;
import dev.tokenwarden.scheduler.messaging.Readiness;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this replica will do and when: the upcoming schedule, a credential's history, pacing per installation. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedule")
public class ScheduleResource {
    private static final int MAX_LIMIT = 10_000;

    private final Schedule schedule;
    private final Readiness readiness;
    private final Clock clock;

    public ScheduleResource(Schedule schedule, Readiness readiness, Clock clock) {
        this.schedule = schedule;
        this.readiness = readiness;
        this.clock = clock;
    }

    /** @param rebuilt false until the topics have been read back; the list may then be incomplete */
    public record ScheduleView(boolean rebuilt, Set<Integer> ownedPartitions, List<Upcoming> upcoming) {
    }

    public record PacingView(Instant at, List<Pacing.InstallationPacing> installations) {
    }

    @GET
    @Path("schedule")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Owned credentials whose next step falls before the given instant (default: the next 24 hours), soonest first")
    public ScheduleView upcoming(@QueryParam("before") String before, @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        Instant until = before == null ? clock.instant().plus(Duration.ofDays(1)) : parse(before);
        return new ScheduleView(readiness.rebuilt(), schedule.ownedPartitions(), schedule.upcoming(until, limit));
    }

    @GET
    @Path("credentials/{id}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "A credential's recent rotations: emissions, confirmations and escalations, oldest first")
    public List<RotationRecord> history(@PathParam("id") String id) {
        List<RotationRecord> history = schedule.history(id);
        if (history.isEmpty() && schedule.entry(id).isEmpty()) {
            throw InventoryResource.unknownCredential(id);
        }
        return history;
    }

    @GET
    @Path("pacing")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Pacing mode and mint budget per app installation")
    public PacingView pacing() {
        Instant now = clock.instant();
        return new PacingView(now, schedule.pacing(now));
    }

    private static Instant parse(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("before", "before must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, was '" + value + "'");
        }
    }
}
