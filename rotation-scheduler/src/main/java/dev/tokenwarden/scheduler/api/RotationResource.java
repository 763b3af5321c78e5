package dev.tokenwarden.scheduler.api;

import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.events.RotationScope;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Role;
import dev.tokenwarden.platform.security.Roles;
import dev.tokenwarden.scheduler.domain.RotationPreview;
import dev.tokenwarden.scheduler.domain.RotationSelector;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.messaging.ScheduleOutbox;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Manual and emergency rotation: the only way in, so pacing and the schedule stay in one place. */
@Path("/rotations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "rotations")
public class RotationResource {
    private static final int MAX_LIMIT = 10_000;
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

    /** @param credentials every credential in the inventory the selector matches; each replica emits those it owns, as pacing allows */
    public record RotationAccepted(String actionId, RotationReason reason, Instant requestedAt, List<String> credentials) {
    }

    /** A dry run's answer: what the request would do, and the id under which the dry run was recorded. */
    public record RotationDryRun(String actionId, RotationReason reason, RotationPreview preview) {
    }

    /**
     * Publishes the request on {@code rotation.requests} before answering, so it is durable and every replica
     * applies it to the credentials it owns. Rotating everything needs admin; any narrower scope, operator.
     * With {@code dryRun=true} nothing is requested: the answer (200) says which credentials would rotate, from
     * which app installation's budget and when, and only the dry run itself is recorded as an operator action.
     */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Rotate now every credential the selector matches, on whichever replica owns it, still paced; "
            + "with dryRun=true, only say what would rotate, when and with which app installation's budget")
    public Response rotate(RotationRequest request, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           @QueryParam("limit") @DefaultValue("1000") int limit) throws ScheduleOutbox.SendFailedException {
        if (request == null || request.scope() == null) {
            throw ProblemException.invalidField("scope", "scope is required: credential, tier, repository, consumer or all");
        }
        RotationScope scope = parse(RotationScope.class, request.scope(), "scope");
        if (scope != RotationScope.ALL && (request.value() == null || request.value().isBlank())) {
            throw ProblemException.invalidField("value", "a " + request.scope() + " selector needs a value");
        }
        RotationReason reason = request.reason() == null ? RotationReason.MANUAL : parse(RotationReason.class, request.reason(), "reason");
        if (reason != RotationReason.MANUAL && reason != RotationReason.EMERGENCY) {
            throw ProblemException.invalidField("reason", "a requested rotation is manual or emergency, not " + request.reason());
        }
        Caller caller = principal.caller();
        if (scope == RotationScope.ALL && caller.role().compareTo(Role.ADMIN) < 0) {
            throw new ForbiddenException("rotating every credential needs the admin role");
        }
        String value = scope == RotationScope.ALL ? null : request.value();
        RotationSelector selector = new RotationSelector(scope, value);
        List<String> matched = schedule.matching(selector);
        if (matched.isEmpty()) {
            throw ProblemException.notFound("no credential in the inventory matches " + request.scope() + (value == null ? "" : " '" + value + "'"));
        }
        String actionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String target = scope.name().toLowerCase(Locale.ROOT) + (value == null ? "" : ":" + value);
        String action = "rotation." + reason.name().toLowerCase(Locale.ROOT);
        if (dryRun) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.invalidField("limit", "limit must be between 1 and " + MAX_LIMIT);
            }
            RotationPreview preview = schedule.preview(selector, now, limit);
            outbox.record(caller.action(actionId, Service.ROTATION_SCHEDULER, action + ".dry-run", target,
                    "previewed: " + preview.credentials() + " credential(s), nothing requested", now));
            return Response.ok(new RotationDryRun(actionId, reason, preview)).build();
        }
        outbox.request(new RotationRequested(actionId, scope, value, reason, caller.principal(), now));
        outbox.record(caller.action(actionId, Service.ROTATION_SCHEDULER, action, target,
                "accepted: " + matched.size() + " credential(s)", now));
        return Response.accepted(new RotationAccepted(actionId, reason, now, matched)).build();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, field + " '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
