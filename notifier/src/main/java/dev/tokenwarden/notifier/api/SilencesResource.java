package dev.tokenwarden.notifier.api;

import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.notifier.domain.Matcher;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.platform.events.OperatorActionLog;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/silences")
@Tag(name = "silences", description = "Mute matching incidents for a while; every change is recorded on operator.actions")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {
    private static final int MAX_COMMENT = 1000;

    private final NotificationPipeline pipeline;
    private final OperatorActionLog actions;
    private final Clock clock;

    public SilencesResource(NotificationPipeline pipeline, OperatorActionLog actions, Clock clock) {
        this.pipeline = pipeline;
        this.actions = actions;
        this.clock = clock;
    }

    /** {@code startsAt} defaults to now; matchers use the routing syntax, for example {@code credential="c1"}. */
    public record SilenceRequest(List<String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    }

    public record SilenceView(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment, String state) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a silence")
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "missing or invalid matchers, times, creator or comment (problem+json)")
    public Response create(SilenceRequest request) {
        Silence silence = silence(request);
        pipeline.silences().put(silence);
        record(silence.createdBy(), "silence.create", silence.id());
        return Response.created(URI.create("/silences/" + silence.id())).entity(view(silence)).build();
    }

    @GET
    @Operation(summary = "Every silence: active, pending and expired")
    public List<SilenceView> list() {
        return pipeline.silences().all().stream().map(this::view).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Expire a silence now; it stays listed as expired")
    @APIResponse(responseCode = "200", description = "the expired silence")
    @APIResponse(responseCode = "404", description = "no such silence (problem+json)")
    public SilenceView expire(@PathParam("id") String id) {
        Silence expired = pipeline.silences().expire(id, clock.instant())
                .orElseThrow(() -> ApiProblem.of(Response.Status.NOT_FOUND, "no silence with id " + id));
        record(expired.createdBy(), "silence.expire", id);
        return view(expired);
    }

    private Silence silence(SilenceRequest request) {
        if (request == null) {
            throw ApiProblem.of(Response.Status.BAD_REQUEST, "a JSON body with matchers, endsAt, createdBy and comment is required");
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
        if (request.createdBy() == null || request.createdBy().isBlank()) {
            problems.add("createdBy: required");
        }
        if (request.comment() == null || request.comment().isBlank() || request.comment().length() > MAX_COMMENT) {
            problems.add("comment: required, at most " + MAX_COMMENT + " characters");
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.of(Response.Status.BAD_REQUEST, String.join("; ", problems));
        }
        return new Silence(UUID.randomUUID().toString(), matchers, startsAt, request.endsAt(), request.createdBy(), request.comment());
    }

    private SilenceView view(Silence silence) {
        Instant now = clock.instant();
        String state = silence.activeAt(now) ? "active" : now.isBefore(silence.startsAt()) ? "pending" : "expired";
        return new SilenceView(silence.id(), RoutesResource.strings(silence.matchers()), silence.startsAt(), silence.endsAt(),
                silence.createdBy(), silence.comment(), state);
    }

    private void record(String principal, String action, String target) {
        try {
            actions.record(new OperatorAction(UUID.randomUUID().toString(), principal, "operator", "notifier", action, target,
                    "ok", clock.instant())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiProblem.of(Response.Status.SERVICE_UNAVAILABLE, "the change was made but could not be recorded on operator.actions; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.of(Response.Status.SERVICE_UNAVAILABLE, "interrupted while recording the change");
        }
    }
}
