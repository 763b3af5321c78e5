package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import dev.tokenwarden.scheduler.domain.RotationSelector;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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
    private final CurrentPrincipal principal;

    public RotationResource(Schedule schedule, ScheduleOutbox outbox, Clock clock, CurrentPrincipal principal) {
        this.schedule = schedule;
        this.outbox = outbox;
        this.clock = clock;
        this.principal = principal;
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
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rotate now every owned credential the selector matches, still paced")
    public Response rotate(RotationRequest request) {
        if (request == null || request.scope() == null) {
            throw ProblemException.invalidField("scope", "scope is required: credential, tier, repository, consumer or all");
        }
        RotationSelector.Scope scope = parse(RotationSelector.Scope.class, request.scope(), "scope");
        if (scope != RotationSelector.Scope.ALL && (request.value() == null || request.value().isBlank())) {
            throw ProblemException.invalidField("value", "a " + request.scope() + " selector needs a value");
        }
        RotationSelector selector = new RotationSelector(scope, request.value());
        RotationReason reason = request.reason() == null ? RotationReason.MANUAL : parse(RotationReason.class, request.reason(), "reason");
        if (reason != RotationReason.MANUAL && reason != RotationReason.EMERGENCY) {
            throw ProblemException.invalidField("reason", "a requested rotation is manual or emergency, not " + request.reason());
        }
        Caller caller = principal.caller();
        Instant now = clock.instant();
        List<String> matched = schedule.request(selector, reason, caller.principal(), now);
        if (matched.isEmpty()) {
            throw ProblemException.notFound(
                    "no credential owned by this replica matches " + request.scope() + (request.value() == null ? "" : " '" + request.value() + "'"));
        }
        String actionId = UUID.randomUUID().toString();
        String target = selector.scope().name().toLowerCase(Locale.ROOT) + (request.value() == null ? "" : ":" + request.value());
        outbox.record(caller.action(actionId, Service.ROTATION_SCHEDULER,
                "rotation." + reason.name().toLowerCase(Locale.ROOT), target, "accepted: " + matched.size() + " credential(s)", now));
        return Response.accepted(new RotationAccepted(actionId, reason, now, schedule.ownedPartitions(), matched)).build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, field + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
