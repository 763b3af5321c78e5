package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.scheduler.domain.RotationSelector;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Manual and emergency rotation: the only way in, so pacing and the schedule stay in one place. */
@Path("/rotations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rotations")
public class RotationResource {
    private final Schedule schedule;
    private final ScheduleOutbox outbox;
    private final Clock clock;

    public RotationResource(Schedule schedule, ScheduleOutbox outbox, Clock clock) {
        this.schedule = schedule;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param scope credential, tier, repository, consumer or all
     * @param value the credential id, tier, {@code owner/name}, or consumer; absent for all
     * @param reason manual (the default) or emergency
     */
    public record RotationRequest(String scope, String value, String reason) {
    }

    /** @param credentials the matched credentials this replica owns; each is emitted as pacing allows */
    public record RotationAccepted(String actionId, RotationReason reason, Instant requestedAt, Set<Integer> ownedPartitions, List<String> credentials) {
    }

    @POST
    @Operation(summary = "Rotate now every owned credential the selector matches, still paced")
    public Response rotate(RotationRequest request, @Context SecurityContext security) {
        if (request == null || request.scope() == null) {
            throw new IllegalArgumentException("scope is required: credential, tier, repository, consumer or all");
        }
        RotationSelector selector = new RotationSelector(parse(RotationSelector.Scope.class, request.scope(), "scope"), request.value());
        RotationReason reason = request.reason() == null ? RotationReason.MANUAL : parse(RotationReason.class, request.reason(), "reason");
        Caller caller = Caller.of(security);
        Instant now = clock.instant();
        List<String> matched = schedule.request(selector, reason, caller.principal(), now);
        if (matched.isEmpty()) {
            return Problem.response(Response.Status.NOT_FOUND, "Nothing matched",
                    "no credential owned by this replica matches " + request.scope() + (request.value() == null ? "" : " '" + request.value() + "'"));
        }
        String actionId = UUID.randomUUID().toString();
        String target = selector.scope().name().toLowerCase(Locale.ROOT) + (request.value() == null ? "" : ":" + request.value());
        outbox.record(new OperatorAction(actionId, caller.principal(), caller.role(), "rotation-scheduler",
                "rotation." + reason.name().toLowerCase(Locale.ROOT), target, "accepted: " + matched.size() + " credential(s)", now));
        return Response.accepted(new RotationAccepted(actionId, reason, now, schedule.ownedPartitions(), matched)).build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
