package dev.tokenwarden.platform.api;

import dev.tokenwarden.events.Wire;
import dev.tokenwarden.platform.security.Caller;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A test-only API exercising the conventions every service's API follows. */
@Path("/probe")
public class ProbeResource {
    private final CurrentPrincipal principal;

    public ProbeResource(CurrentPrincipal principal) {
        this.principal = principal;
    }

    public record Order(String credentialId, Integer attempt) {
        public Order {
            Wire.required(credentialId, "credentialId");
        }
    }

    @GET
    @Path("/view")
    @RolesAllowed(Roles.VIEWER)
    public Caller view() {
        return principal.caller();
    }

    @POST
    @Path("/operate")
    @RolesAllowed(Roles.OPERATOR)
    public Caller operate() {
        return principal.caller();
    }

    @POST
    @Path("/orders")
    @RolesAllowed(Roles.OPERATOR)
    public Order order(Order order) {
        if (order.attempt() != null && order.attempt() < 1) {
            throw ProblemException.invalidField("attempt", "attempt must be 1 or more");
        }
        return order;
    }

    @GET
    @Path("/fail")
    @RolesAllowed(Roles.VIEWER)
    public String fail(@QueryParam("upstream") String upstreamAnswer) {
        throw new IllegalStateException("upstream answered " + upstreamAnswer);
    }

    @GET
    @Path("/teapot")
    @RolesAllowed(Roles.VIEWER)
    public String teapot() {
        throw new WebApplicationException(Response.status(418).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + "teapot", "I'm a teapot", 418, "short and stout", "/probe/teapot", null, null).toJson())
                .build());
    }

    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "must never be served";
    }
}
