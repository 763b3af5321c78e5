package dev.tokenwarden.console.api;

import dev.tokenwarden.platform.security.ApiKeyAuthenticationRequest;
import dev.tokenwarden.platform.security.AuthConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * A browser cannot send {@code X-Api-Key}, so locally the login form puts the configured key in an HttpOnly,
 * SameSite=Strict cookie and this mechanism hands it to platform's API-key identity provider: the same keys and
 * roles as the header. Off wherever API keys are off (production, which signs in with OIDC).
 */
@ApplicationScoped
public class SessionCookie implements HttpAuthenticationMechanism {
    public static final String NAME = "tokenwarden-console-key";

    private final AuthConfig config;

    public SessionCookie(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviders) {
        Cookie cookie = context.request().getCookie(NAME);
        if (cookie == null || cookie.getValue().isEmpty() || !config.apiKeysEnabled()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviders.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new ApiKeyAuthenticationRequest(cookie.getValue()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(303, "Location", "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, NAME));
    }
}
