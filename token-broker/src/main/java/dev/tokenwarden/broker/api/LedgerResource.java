package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What was issued, by value hash: query by credential, repository or consumer (all given filters apply). */
@Path("/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class LedgerResource {
    private final Ledger ledger;

    public LedgerResource(Ledger ledger) {
        this.ledger = ledger;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Ledger entries, newest first")
    public List<LedgerEntry> query(@QueryParam("credential") String credential, @QueryParam("repository") String repository,
            @QueryParam("consumer") String consumer) {
        if (credential == null && repository == null && consumer == null) {
            throw ProblemException.invalidField("credential", "give a credential, repository or consumer to query by");
        }
        return ledger.matching(e -> (credential == null || e.credentialId().equals(credential))
                && (repository == null || e.repositories().contains(repository))
                && (consumer == null || e.consumer().equals(consumer)));
    }
}
