package dev.tokenwarden.auditor.api;

import dev.tokenwarden.auditor.infra.AdvisoryRefresh;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The known-vulnerable-actions refresh: the engine's data file, regenerated from GitHub's advisory database. */
@Path("/admin/advisories/refresh")
@Tag(name = "admin")
@Blocking
public class AdvisoriesResource {
    static final String TSV = "text/tab-separated-values";

    private final AdvisoryRefresh refresh;

    public AdvisoriesResource(AdvisoryRefresh refresh) {
        this.refresh = refresh;
    }

    @POST
    @Produces(TSV)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Read GET /advisories?ecosystem=actions and answer with known-vulnerable-actions.tsv "
            + "(header: source, retrieved, entries), to commit into the engine's resources")
    public String refresh() {
        try {
            return refresh.fetch().write();
        } catch (GitHubException | IllegalStateException e) {
            throw new ProblemException(503, "github-unavailable", "Advisories not read",
                    "GitHub's advisory database could not be read: " + e.getClass().getSimpleName(), null);
        }
    }
}
