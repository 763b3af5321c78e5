package dev.tokenwarden.auditor.api;

import dev.tokenwarden.auditor.domain.orgscan.OrgScan;
import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.auditor.messaging.OrgScanner;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Organisation-wide scans through the GitHub API: started by an operator, their progress readable by viewers. */
@Path("/org-scans")
@Tag(name = "org-scans")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class OrgScansResource {
    private static final Logger LOG = Logger.getLogger(OrgScansResource.class);
    /** GitHub's rule for an organisation login: letters, digits and single inner hyphens, at most 39 characters. */
    private static final Pattern ORG = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final int MAX_REPOSITORIES = 1000;

    private final OrgScanner scanner;
    private final AuditorGitHub github;
    private final OrgScans scans;
    private final OperatorActionLog actions;
    private final CurrentPrincipal principal;
    private final Clock clock;

    public OrgScansResource(OrgScanner scanner, AuditorGitHub github, OrgScans scans, OperatorActionLog actions,
                            CurrentPrincipal principal, Clock clock) {
        this.scanner = scanner;
        this.github = github;
        this.scans = scans;
        this.actions = actions;
        this.principal = principal;
        this.clock = clock;
    }

    /** {@code repositories}: names within the org to limit the scan to; absent or empty for every repository. */
    public record OrgScanRequest(String org, List<String> repositories) {
    }

    /** {@code repositoriesTotal} is absent until the org has been listed; {@code pausedUntil} is the rate limit's reset. */
    public record OrgScanView(String id, String org, List<String> repositories, String state, Integer repositoriesTotal,
                              int repositoriesScanned, int repositoriesFailed, int findings, String requestedBy, String reason,
                              Instant startedAt, Instant updatedAt, Instant finishedAt, Instant pausedUntil) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Scan every non-archived repository of an organisation (or the listed ones) through the GitHub API")
    @APIResponse(responseCode = "202", description = "started; Location names the scan, whose progress GET /org-scans/{id} shows")
    @APIResponse(responseCode = "400", description = "missing or malformed org or repositories (problem+json)")
    @APIResponse(responseCode = "409", description = "a scan of this org has not finished yet (problem+json naming it)")
    @APIResponse(responseCode = "503", description = "the auditor's GitHub credential is not configured (problem+json)")
    public Response start(OrgScanRequest request) {
        Caller caller = principal.caller();
        if (request == null || request.org() == null || request.org().isBlank()) {
            throw ProblemException.invalidField("org", "the organisation's login is required, for example {\"org\": \"acme\"}");
        }
        if (!ORG.matcher(request.org()).matches()) {
            throw ProblemException.invalidField("org", "an organisation login is letters, digits and inner hyphens, at most 39 characters");
        }
        List<String> repositories = request.repositories() == null ? List.of() : request.repositories();
        if (repositories.size() > MAX_REPOSITORIES || repositories.stream().anyMatch(r -> r == null || !REPOSITORY.matcher(r).matches())) {
            throw ProblemException.invalidField("repositories", "at most " + MAX_REPOSITORIES
                    + " repository names within the org (letters, digits, '.', '_', '-'), without the owner");
        }
        if (!github.configured()) {
            throw new ProblemException(503, "github-unavailable", "GitHub credential missing",
                    "the auditor's GitHub credential (tokenwarden.auditor.github-token) is not configured", null);
        }
        scans.unfinished(request.org()).ifPresent(running -> {
            throw ProblemException.conflict("organisation " + running.org() + " is already being scanned: /org-scans/" + running.id());
        });
        OrgScan scan = scanner.start(request.org(), repositories, caller.principal());
        try {
            actions.record(caller.action(UUID.randomUUID().toString(), Service.WORKFLOW_AUDITOR, "org-scan.start",
                    request.org() + " " + scan.id(), "ok", clock.instant())).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The scan runs and its own progress records name the caller; only the audit trail's copy is missing.
            LOG.warnf("operator action for org scan %s not recorded: %s", scan.id(), e.getClass().getSimpleName());
        }
        return Response.accepted(view(scan)).location(URI.create("/org-scans/" + scan.id())).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every org scan this auditor knows of, newest first")
    public List<OrgScanView> list() {
        return scans.all().stream().map(OrgScansResource::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One org scan's progress: state, repositories total/scanned/failed, findings, times, the reset it waits for when paused")
    @APIResponse(responseCode = "404", description = "no such org scan (problem+json)")
    public OrgScanView get(@PathParam("id") String id) {
        return scans.get(id).map(OrgScansResource::view).orElseThrow(() -> ProblemException.notFound("no org scan with id " + id));
    }

    private static OrgScanView view(OrgScan scan) {
        return new OrgScanView(scan.id(), scan.org(), scan.repositories(), scan.state().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                scan.repositoriesTotal(), scan.repositoriesScanned(), scan.repositoriesFailed(), scan.findings(),
                scan.requestedBy(), scan.reason(), scan.startedAt(), scan.updatedAt(), scan.finishedAt(), scan.pausedUntil());
    }
}
