package dev.tokenwarden.notifier.api;

import dev.tokenwarden.events.Service;
import dev.tokenwarden.notifier.domain.Matcher;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.notifier.messaging.SilenceLog;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/silences")
@Tag(name = "silences", description = "Mute matching incidents for a while; silences are kept on tokenwarden.silences and every "
        + "change is recorded on operator.actions")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {
    private static final int MAX_COMMENT = 1000;
    private static final long ACK_TIMEOUT_SECONDS = 10;

    private final NotificationPipeline pipeline;
    private final SilenceLog silenceLog;
    private final OperatorActionLog actions;
    private final CurrentPrincipal principal;
    private final Clock clock;

    public SilencesResource(NotificationPipeline pipeline, SilenceLog silenceLog, OperatorActionLog actions, CurrentPrincipal principal,
            Clock clock) {
        this.pipeline = pipeline;
        this.silenceLog = silenceLog;
        this.actions = actions;
        this.principal = principal;
        this.clock = clock;
    }

    /**
     * {@code startsAt} defaults to now; matchers use the routing syntax, for example {@code credential="c1"}.
     * The creator is the authenticated caller, never a body field, so a silence cannot be attributed to someone else.
     */
    public record SilenceRequest(List<String> matchers, Instant startsAt, Instant endsAt, String comment) {
    }

    public record SilenceView(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment, String expiredBy, String state) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create a silence; its creator is the caller")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "missing or invalid matchers, times or comment (problem+json)")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the silence or the operator action (problem+json)")
    public Response create(SilenceRequest request) {
        Caller caller = principal.caller();
        Silence silence = silence(request, caller);
        acknowledged(silenceLog.write(silence), "the silence was not written to tokenwarden.silences; nothing changed, retry");
        record(caller, "silence.create", silence.id());
        return Response.created(URI.create("/silences/" + silence.id())).entity(view(silence)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every silence: active, pending and expired")
    public List<SilenceView> list() {
        return pipeline.silences().all().stream().map(this::view).toList();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Expire a silence now; it stays listed as expired. Expiring an expired silence changes nothing")
    @APIResponse(responseCode = "200", description = "the expired silence")
    @APIResponse(responseCode = "404", description = "no such silence (problem+json)")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the expiry or the operator action (problem+json)")
    public SilenceView expire(@PathParam("id") String id) {
        Caller caller = principal.caller();
        Silence held = pipeline.silences().get(id).orElseThrow(() -> ProblemException.notFound("no silence with id " + id));
        Instant now = clock.instant();
        if (held.endedAt(now)) {
            return view(held);
        }
        Silence expired = held.expiredAt(now, caller.principal());
        acknowledged(silenceLog.write(expired), "the expiry was not written to tokenwarden.silences; the silence is unchanged, retry");
        record(caller, "silence.expire", id);
        return view(expired);
    }

    private Silence silence(SilenceRequest request, Caller caller) {
        if (request == null) {
            throw ProblemException.invalidField(null, "a JSON body with matchers, endsAt and comment is required");
        }
        List<String> problems = new ArrayList<>();
        List<Matcher> matchers = new ArrayList<>();
        if (request.matchers() == null || request.matchers().isEmpty()) {
            problems.add("matchers: at least one is required");
        } else {
            for (String text : request.matchers()) {
                try {
                    matchers.add(Matcher.parse(text == null ? "" : text));
                } catch (IllegalArgumentException e) {
                    problems.add("matchers: " + e.getMessage());
                }
            }
        }
        Instant startsAt = request.startsAt() == null ? clock.instant() : request.startsAt();
        if (request.endsAt() == null) {
            problems.add("endsAt: required");
        } else if (!request.endsAt().isAfter(startsAt)) {
            problems.add("endsAt: must be after startsAt");
        }
        if (request.comment() == null || request.comment().isBlank() || request.comment().length() > MAX_COMMENT) {
            problems.add("comment: required, at most " + MAX_COMMENT + " characters");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalidField(null, String.join("; ", problems));
        }
        return new Silence(UUID.randomUUID().toString(), matchers, startsAt, request.endsAt(), caller.principal(), request.comment(),
                null);
    }

    private SilenceView view(Silence silence) {
        Instant now = clock.instant();
        String state = silence.activeAt(now) ? "active" : now.isBefore(silence.startsAt()) ? "pending" : "expired";
        return new SilenceView(silence.id(), RoutesResource.strings(silence.matchers()), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), silence.expiredBy(), state);
    }

    private void record(Caller caller, String action, String target) {
        acknowledged(actions.record(caller.action(UUID.randomUUID().toString(), Service.NOTIFIER, action, target, "ok", clock.instant())),
                "the change was made but could not be recorded on operator.actions; retry");
    }

    /** Waits, bounded, for the broker's acknowledgement; a 503 problem with {@code detail} when it does not come. */
    private static void acknowledged(CompletionStage<Void> write, String detail) {
        try {
            write.toCompletableFuture().get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw notRecorded(detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notRecorded("interrupted while waiting for Kafka: " + detail);
        }
    }

    private static ProblemException notRecorded(String detail) {
        return new ProblemException(503, "not-recorded", "Change not recorded", detail, null);
    }
}
