package dev.tokenwarden.auditor.api;

import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleInfo;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/rules")
@Tag(name = "rules")
public class RulesResource {
    private final RuleCatalogue catalogue;

    public RulesResource(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every rule the auditor applies: id, title, default severity and confidence, why, fix, examples")
    public List<RuleInfo> rules() {
        return catalogue.infos();
    }
}
