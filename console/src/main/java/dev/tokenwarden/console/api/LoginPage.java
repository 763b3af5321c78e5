package dev.tokenwarden.console.api;

import dev.tokenwarden.platform.security.ApiKeys;
import dev.tokenwarden.platform.security.AuthConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * Local sign-in: the configured API key, checked by platform's {@link ApiKeys}, becomes the session cookie
 * {@link SessionCookie} reads. In production API keys are off and this form refuses every key.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class LoginPage {
    private final AuthConfig config;
    private final ApiKeys keys;
    private final Template login;

    public LoginPage(AuthConfig config, @Location("login.html") Template login) {
        this.config = config;
        this.keys = ApiKeys.of(config.apiKeys());
        this.login = login;
    }

    @GET
    @Path("login")
    public String form(@QueryParam("next") String next) {
        return login.data("next", safeNext(next)).data("error", null).render();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("key") String key, @FormParam("next") String next, UriInfo uri) {
        if (key == null || key.isBlank() || !config.apiKeysEnabled() || keys.match(key).isEmpty()) {
            return Response.status(401).type(MediaType.TEXT_HTML)
                    .entity(login.data("next", safeNext(next)).data("error", config.apiKeysEnabled()
                            ? "That key is not one of the configured keys." : "API keys are off here; sign in with your identity provider.")
                            .render())
                    .build();
        }
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(key, uri, -1)).build();
    }

    @POST
    @Path("logout")
    public Response signOut(UriInfo uri) {
        return Response.seeOther(URI.create("/login")).cookie(cookie("", uri, 0)).build();
    }

    private static NewCookie cookie(String value, UriInfo uri, int maxAge) {
        return new NewCookie.Builder(SessionCookie.NAME).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uri.getRequestUri().getScheme()))
                .maxAge(maxAge).build();
    }

    /** Only a path of this console: an absolute or protocol-relative URL would make the form an open redirect. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
