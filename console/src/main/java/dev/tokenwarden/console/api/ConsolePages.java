package dev.tokenwarden.console.api;

import dev.tokenwarden.console.ConsoleConfig;
import dev.tokenwarden.console.domain.CredentialFilter;
import dev.tokenwarden.console.domain.FindingFilter;
import dev.tokenwarden.console.domain.Findings;
import dev.tokenwarden.console.domain.Health;
import dev.tokenwarden.console.domain.ReadModel;
import dev.tokenwarden.console.infra.ConsumerLag;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's pages, rendered on the server. Each page has a live part that htmx fetches again every few
 * seconds with {@code HX-Request: true}; the same URL then answers that part alone, so a filter or page number in
 * the address stays in force while the figures move.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "pages")
@RolesAllowed(Roles.VIEWER)
public class ConsolePages {
    private final ReadModel model;
    private final ConsumerLag lag;
    private final ConsoleConfig config;
    private final Clock clock;
    private final Template layout;
    private final Template overview;
    private final Template credentials;
    private final Template credential;
    private final Template findings;
    private final Template incidents;
    private final Template actions;
    private final Template lagPage;

    public ConsolePages(ReadModel model, ConsumerLag lag, ConsoleConfig config, Clock clock,
            @Location("layout.html") Template layout, @Location("overview.html") Template overview,
            @Location("credentials.html") Template credentials, @Location("credential.html") Template credential,
            @Location("findings.html") Template findings, @Location("incidents.html") Template incidents,
            @Location("actions.html") Template actions, @Location("lag.html") Template lagPage) {
        this.model = model;
        this.lag = lag;
        this.config = config;
        this.clock = clock;
        this.layout = layout;
        this.overview = overview;
        this.credentials = credentials;
        this.credential = credential;
        this.findings = findings;
        this.incidents = incidents;
        this.actions = actions;
        this.lagPage = lagPage;
    }

    @GET
    @Operation(summary = "Overview: credentials by tier and kind, what needs attention, open incidents, audit posture")
    public String overview(@HeaderParam("HX-Request") String htmx, UriInfo uri) {
        return page("overview", "Overview", htmx, uri, overview
                .data("o", model.overview(clock.instant(), config.overviewLength())));
    }

    @GET
    @Path("credentials")
    @Operation(summary = "Every credential, filtered and paged")
    public String credentials(@HeaderParam("HX-Request") String htmx, UriInfo uri, @QueryParam("q") String text,
            @QueryParam("tier") String tier, @QueryParam("kind") String kind, @QueryParam("health") String health,
            @QueryParam("page") @DefaultValue("1") int page) {
        Health wanted = blank(health) ? null : Health.byId(health)
                .orElseThrow(() -> ProblemException.invalidField("health", "health must be one of " + ids(Health.values())));
        CredentialFilter filter = new CredentialFilter(text, tier, kind, wanted);
        return page("credentials", "Credentials", htmx, uri, credentials
                .data("page", model.credentials().page(filter, page, config.pageSize(), clock.instant()))
                .data("filter", filter)
                .data("tiers", model.credentials().tiers())
                .data("kinds", Arrays.stream(CredentialKind.values()).map(Formats::lower).toList())
                .data("healths", Health.values())
                .data("query", query(uri)));
    }

    @GET
    @Path("credentials/{id}")
    @Operation(summary = "One credential: state, rotation timeline and ledger entries (hashes, never values)")
    public String credential(@HeaderParam("HX-Request") String htmx, UriInfo uri, @PathParam("id") String id) {
        Instant now = clock.instant();
        var row = model.credentials().row(id, now)
                .orElseThrow(() -> ProblemException.notFound("no credential '" + id + "' in the console's read model"));
        return page("credentials", "Credential " + id, htmx, uri, credential
                .data("c", row)
                .data("timeline", model.credentials().timeline(id))
                .data("ledger", model.credentials().ledger(id))
                .data("incidents", model.incidents().open(id, 1, config.pageSize()).items()));
    }

    @GET
    @Path("findings")
    @Operation(summary = "Audit findings by repository and rule, with severity charts")
    public String findings(@HeaderParam("HX-Request") String htmx, UriInfo uri, @QueryParam("repository") String repository,
            @QueryParam("rule") String rule, @QueryParam("severity") String severity, @QueryParam("page") @DefaultValue("1") int page) {
        Severity atLeast = blank(severity) ? null : Arrays.stream(Severity.values())
                .filter(s -> Formats.lower(s).equals(severity)).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("severity", "severity must be one of " + ids(Severity.values())));
        FindingFilter filter = new FindingFilter(repository, rule, atLeast);
        Findings.Counts counts = model.findings().counts(filter);
        List<Bar> bySeverity = Bar.of(reversed(counts.bySeverity()), Formats::lower, Formats::lower, 80);
        List<Bar> byRule = Bar.of(counts.byRule(), id -> id, id -> "rule", 180);
        return page("findings", "Findings", htmx, uri, findings
                .data("page", model.findings().page(filter, page, config.pageSize()))
                .data("postures", model.findings().postures(filter, 1, config.pageSize()))
                .data("bySeverity", bySeverity).data("severityHeight", Bar.height(bySeverity))
                .data("byRule", byRule).data("ruleHeight", Bar.height(byRule))
                .data("total", counts.total())
                .data("rules", model.findings().rules())
                .data("severities", Arrays.stream(Severity.values()).map(Formats::lower).toList())
                .data("filter", new FilterEcho(repository, rule, severity))
                .data("query", query(uri)));
    }

    /** What the filter form shows back, as typed. */
    public record FilterEcho(String repository, String rule, String severity) {
    }

    @GET
    @Path("incidents")
    @Operation(summary = "Open and recently resolved incidents, and the notifier's deliveries")
    public String incidents(@HeaderParam("HX-Request") String htmx, UriInfo uri, @QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("1") int page) {
        return page("incidents", "Incidents", htmx, uri, incidents
                .data("open", model.incidents().open(text, page, config.pageSize()))
                .data("resolved", model.incidents().resolved(text, 1, config.overviewLength()))
                .data("deliveries", model.deliveries().page(d -> matches(d, text), 1, config.pageSize()))
                .data("q", text == null ? "" : text)
                .data("query", query(uri)));
    }

    @GET
    @Path("actions")
    @Operation(summary = "Operator actions: who did what, where, and how it ended")
    public String actions(@HeaderParam("HX-Request") String htmx, UriInfo uri, @QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("1") int page) {
        return page("actions", "Operator actions", htmx, uri, actions
                .data("page", model.actions().page(a -> matches(a, text), page, config.pageSize()))
                .data("q", text == null ? "" : text)
                .data("query", query(uri)));
    }

    @GET
    @Path("lag")
    @Operation(summary = "Consumer lag of each service's group")
    public String lag(@HeaderParam("HX-Request") String htmx, UriInfo uri) {
        return page("lag", "Consumer lag", htmx, uri, lagPage.data("groups", lag.groups()));
    }

    /** A browser without a session is sent to the login form instead of getting a bare 401. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response toLogin(UriInfo uri) {
        return Response.seeOther(URI.create("/login?next=" + java.net.URLEncoder.encode(uri.getRequestUri().getRawPath(),
                java.nio.charset.StandardCharsets.UTF_8))).build();
    }

    private String page(String section, String title, String htmx, UriInfo uri, TemplateInstance content) {
        String live = content.data("now", clock.instant()).render();
        if ("true".equals(htmx)) {
            return live;
        }
        String self = uri.getRequestUri().getRawPath() + Optional.ofNullable(uri.getRequestUri().getRawQuery()).map(q -> "?" + q).orElse("");
        return layout.data("title", title).data("section", section).data("live", live).data("self", self)
                .data("refreshMillis", config.refreshEvery().toMillis()).render();
    }

    /** The current query without {@code page}, for the pager's links. */
    private static String query(UriInfo uri) {
        StringBuilder query = new StringBuilder();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("page")) {
                values.forEach(value -> query.append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)).append('&'));
            }
        });
        return query.toString();
    }

    private static Map<Severity, Integer> reversed(Map<Severity, Integer> bySeverity) {
        Map<Severity, Integer> worstFirst = new java.util.LinkedHashMap<>();
        List<Severity> order = Arrays.asList(Severity.values());
        java.util.Collections.reverse(order);
        order.forEach(s -> worstFirst.put(s, bySeverity.getOrDefault(s, 0)));
        return worstFirst;
    }

    private static boolean matches(DeliveryRecord delivery, String text) {
        return contains(text, delivery.incidentKey(), delivery.receiver(), Formats.lower(delivery.outcome()));
    }

    private static boolean matches(OperatorAction action, String text) {
        return contains(text, action.principal(), action.service(), action.action(), action.target(), action.outcome());
    }

    private static boolean contains(String text, String... fields) {
        if (blank(text)) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(fields).anyMatch(f -> f != null && f.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String ids(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(v -> v instanceof Health h ? h.id() : Formats.lower(v)).toList());
    }
}
