package dev.tokenwarden.notifier.api;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.notifier.domain.IncidentLabels;
import dev.tokenwarden.notifier.domain.InhibitRule;
import dev.tokenwarden.notifier.domain.Matcher;
import dev.tokenwarden.notifier.domain.Route;
import dev.tokenwarden.notifier.domain.RoutingTree;
import dev.tokenwarden.notifier.messaging.NotificationPipeline;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/routes")
@Tag(name = "routes", description = "The routing tree in effect, and where an example incident would go")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {
    private final NotificationPipeline pipeline;
    private final Clock clock;

    public RoutesResource(NotificationPipeline pipeline, Clock clock) {
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public record RouteView(String id, List<String> matchers, boolean continueMatching, List<String> receivers,
            List<String> groupBy, String groupWait, String groupInterval, String repeatInterval, List<RouteView> routes) {
        static RouteView of(Route route) {
            return new RouteView(route.id(), strings(route.matchers()), route.continueMatching(), route.receivers(),
                    route.groupBy(), route.groupWait().toString(), route.groupInterval().toString(),
                    route.repeatInterval().toString(), route.routes().stream().map(RouteView::of).toList());
        }
    }

    public record InhibitRuleView(List<String> sourceMatchers, List<String> targetMatchers, List<String> equal) {
        static InhibitRuleView of(InhibitRule rule) {
            return new InhibitRuleView(strings(rule.sourceMatchers()), strings(rule.targetMatchers()), rule.equal());
        }
    }

    public record RoutesView(RouteView route, List<InhibitRuleView> inhibitRules) {
    }

    /** An example incident; only {@code type} and {@code severity} are required. */
    public record DryRunRequest(String incidentKey, String type, String severity, String status, Map<String, String> labels) {
    }

    public record ReachedRoute(String routeId, List<String> receivers, Map<String, String> groupLabels,
            String groupWait, String groupInterval, String repeatInterval) {
    }

    public record DryRunResult(Map<String, String> labels, List<ReachedRoute> routes, String mutedBecause, List<String> steps) {
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The routing tree and inhibition rules in effect, with inherited values filled in")
    public RoutesView routes() {
        return new RoutesView(RouteView.of(pipeline.routing().tree().root()),
                pipeline.routing().inhibitRules().stream().map(InhibitRuleView::of).toList());
    }

    @POST
    @Path("/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    // A dry run changes nothing and sends nothing: a read.
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Which routes and receivers an example incident reaches, and why; sends nothing")
    @APIResponse(responseCode = "200", description = "the routes reached, whether it would be muted now, and each step")
    @APIResponse(responseCode = "400", description = "the example is not an incident (problem+json)")
    public DryRunResult dryRun(DryRunRequest request) {
        Incident incident = example(request);
        Map<String, String> labels = IncidentLabels.of(incident);
        RoutingTree.Explanation explanation = pipeline.routing().tree().explain(labels);
        List<ReachedRoute> reached = explanation.routes().stream().map(route -> {
            Map<String, String> groupLabels = new TreeMap<>();
            route.groupBy().forEach(l -> groupLabels.put(l, labels.getOrDefault(l, "")));
            return new ReachedRoute(route.id(), route.receivers(), groupLabels, route.groupWait().toString(),
                    route.groupInterval().toString(), route.repeatInterval().toString());
        }).toList();
        return new DryRunResult(new TreeMap<>(labels), reached,
                pipeline.dispatcher().muteReason(incident, clock.instant()).orElse(null), explanation.steps());
    }

    private Incident example(DryRunRequest request) {
        if (request == null) {
            throw ProblemException.invalidField(null, "a JSON body with at least type and severity is required");
        }
        Instant now = clock.instant();
        IncidentStatus status = request.status() == null ? IncidentStatus.FIRING
                : named(IncidentStatus.class, request.status(), "status", "firing, resolved");
        Severity severity = request.severity() == null ? null
                : named(Severity.class, request.severity(), "severity", "info, low, medium, high, critical");
        try {
            return new Incident(request.incidentKey() == null ? "dry-run/" + request.type() : request.incidentKey(), status,
                    request.type(), severity, "dry run", null, request.labels(), now, now, List.of());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(null, "not a valid example incident: " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String field, String allowed) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, field + " must be one of " + allowed);
        }
    }

    static List<String> strings(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::toString).toList();
    }
}
