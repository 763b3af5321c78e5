package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.domain.Revocations;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The emergency stop: revoke, now, every live credential value of a repository, tier or consumer. */
@Path("/kill-switch")
@Tag(name = "kill switch")
public class KillSwitchResource {
    private final Revocations revocations;
    private final CurrentPrincipal principal;
    private final OperatorActions actions;

    public KillSwitchResource(Revocations revocations, CurrentPrincipal principal, OperatorActions actions) {
        this.revocations = revocations;
        this.principal = principal;
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke every live value matching all the given fields; each credential is marked revoked")
    public List<RevocationView> pull(KillSwitchRequest request) {
        Caller caller = principal.caller();
        if (request == null) {
            throw ProblemException.invalidField("repository", "send {\"repository\", \"tier\" or \"consumer\", \"reason\"}");
        }
        request.check();
        List<RevocationView> results = revocations.revokeMatching(request::matches, "kill-switch: " + request.reason())
                .stream().map(RevocationView::of).toList();
        actions.record(caller, "kill-switch", request.target(), RevocationView.summary(results));
        return results;
    }
}
