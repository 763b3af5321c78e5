package dev.tokenwarden.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Grants every identity the roles its strongest role implies (admin is also operator and viewer), whether it
 * came from an API key or an OIDC token, so {@code @RolesAllowed(Roles.OPERATOR)} admits admins too.
 */
@ApplicationScoped
public class RoleHierarchy implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(Role.strongestOf(identity.getRoles())
                .<SecurityIdentity>map(strongest -> {
                    QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(identity);
                    strongest.implied().forEach(role -> builder.addRole(role.id()));
                    return builder.build();
                })
                .orElse(identity));
    }
}
