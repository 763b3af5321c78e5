package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialStates;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.PatIntake;
import dev.tokenwarden.broker.domain.Revocations;
import dev.tokenwarden.broker.domain.UsageBook;
import dev.tokenwarden.broker.domain.RotationOrder;
import dev.tokenwarden.broker.domain.RotationResult;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.UploadRefused;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The credentials the broker manages: metadata only; the one value that passes here is an uploaded PAT, inbound. */
@Path("/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "credentials")
public class CredentialsResource {
    private final Ledger ledger;
    private final CredentialStates states;
    private final PatIntake pats;
    private final Revocations revocations;
    private final CurrentPrincipal principal;
    private final OperatorActions actions;
    private final UsageBook usage;

    public CredentialsResource(Ledger ledger, CredentialStates states, PatIntake pats, Revocations revocations,
            CurrentPrincipal principal, OperatorActions actions, UsageBook usage) {
        this.ledger = ledger;
        this.states = states;
        this.pats = pats;
        this.revocations = revocations;
        this.principal = principal;
        this.actions = actions;
        this.usage = usage;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Every credential the broker has issued, been asked to rotate or holds a state for")
    public List<CredentialView> list() {
        TreeSet<String> ids = new TreeSet<>(ledger.credentialIds());
        ids.addAll(pats.awaitingIds());
        states.all().forEach(state -> ids.add(state.credentialId()));
        return ids.stream().map(this::view).flatMap(Optional::stream).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One credential's metadata")
    public CredentialView show(@PathParam("id") String id) {
        return view(id).orElseThrow(() -> ProblemException.notFound("the broker knows no credential '" + id + "'"));
    }

    @PUT
    @Path("/{id}/value")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Upload a PAT's new value: checked with GitHub against the tier, then stored, tested and made current")
    public RotationView upload(@PathParam("id") String id, PatUpload upload) {
        Caller caller = principal.caller();
        if (upload == null || upload.value() == null || upload.value().isBlank()) {
            throw ProblemException.invalidField("value", "send the new PAT as {\"value\": \"...\"}");
        }
        RotationResult result;
        try {
            result = pats.upload(id, Secret.of(upload.value()));
        } catch (UploadRefused refused) {
            actions.record(caller, "upload-pat-value", id, "refused: " + refused.reason().name().toLowerCase());
            throw switch (refused.reason()) {
                case UNKNOWN_CREDENTIAL -> ProblemException.notFound(refused.getMessage());
                case NOT_A_PAT -> ProblemException.conflict(refused.getMessage());
                case DOES_NOT_FIT -> patRefused(refused.getMessage(), "value");
            };
        } catch (BrokerFailure failure) {
            actions.record(caller, "upload-pat-value", id, "failed: " + (failure.retryable() ? "retryable" : "refused"));
            throw failure.retryable() ? unavailable(failure.getMessage())
                    : patRefused(failure.getMessage(), null);
        }
        actions.record(caller, "upload-pat-value", id, result.outcome().name().toLowerCase() + " " + result.rotationId());
        if (result.outcome() == RotationResult.Outcome.FAILED) {
            String detail = "rotation " + result.rotationId() + " failed at " + result.failedStep().name().toLowerCase()
                    + ": " + result.failure() + "; the previous value stays current";
            throw result.retryable() ? unavailable(detail) : new ProblemException(422, "rotation-failed", "Rotation failed", detail, null);
        }
        return RotationView.of(result);
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Revoke every live value of one credential now")
    public List<RevocationView> revoke(@PathParam("id") String id) {
        Caller caller = principal.caller();
        if (ledger.forCredential(id).isEmpty()) {
            throw ProblemException.notFound("the ledger holds no value of credential '" + id + "'");
        }
        List<RevocationView> results = revocations.revokeMatching(e -> e.credentialId().equals(id), "operator")
                .stream().map(RevocationView::of).toList();
        actions.record(caller, "revoke", id, RevocationView.summary(results));
        return results;
    }

    private Optional<CredentialView> view(String id) {
        Optional<LedgerEntry> newest = ledger.forCredential(id).stream().findFirst();
        Optional<RotationOrder> awaiting = pats.awaiting(id);
        Optional<CredentialState> state = states.get(id);
        if (newest.isEmpty() && awaiting.isEmpty() && state.isEmpty()) {
            return Optional.empty();
        }
        String currentHash = ledger.current(id).stream().findFirst().map(LedgerEntry::valueHash).orElse(null);
        Optional<CredentialUsage> used = usage.usage(id);
        return Optional.of(new CredentialView(id,
                awaiting.map(o -> o.target().kind()).or(() -> newest.map(LedgerEntry::kind)).orElse(null),
                awaiting.map(o -> o.target().tier()).or(() -> newest.map(LedgerEntry::tier)).orElse(null),
                awaiting.map(o -> o.target().consumer()).or(() -> newest.map(LedgerEntry::consumer)).orElse(null),
                awaiting.map(o -> o.target().repositories()).or(() -> newest.map(LedgerEntry::repositories)).orElse(List.of()),
                state.map(CredentialState::status).orElse(null),
                state.map(CredentialState::vaultVersion).orElse(null),
                state.map(CredentialState::lastRotatedAt).orElse(null),
                state.map(CredentialState::expiresAt).orElse(null),
                state.map(CredentialState::lastRotationId).orElse(null),
                currentHash,
                awaiting.isPresent(),
                used.filter(u -> u.lastUsedAt() != null)
                        .map(u -> new CredentialView.LastUse(u.lastUsedAt(), u.valueHash(), u.actor(), u.repository(), u.actorIp(), u.action()))
                        .orElse(null),
                used.map(CredentialUsage::firing).orElse(List.of())));
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "upstream-unavailable", "Service Unavailable", detail, null);
    }

    private static ProblemException patRefused(String detail, String field) {
        return new ProblemException(422, "pat-refused", "PAT refused", detail, field);
    }
}
