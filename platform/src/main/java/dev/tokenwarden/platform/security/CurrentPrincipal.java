package dev.tokenwarden.platform.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller of the current request, for {@code operator.actions} records and for decisions by role. */
@ApplicationScoped
public class CurrentPrincipal {
    private final SecurityIdentity identity;

    public CurrentPrincipal(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Throws 401 for an anonymous request and 403 for an identity without a tokenwarden role. */
    public Caller caller() {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        Role role = Role.strongestOf(identity.getRoles())
                .orElseThrow(() -> new ForbiddenException("no tokenwarden role"));
        return new Caller(identity.getPrincipal().getName(), role);
    }
}
