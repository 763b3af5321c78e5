package dev.tokenwarden.broker.infra.vault;

import dev.tokenwarden.platform.vault.VaultAccessException;
import dev.tokenwarden.platform.vault.VaultConnection;
import dev.tokenwarden.platform.vault.VaultSession;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Vault answers {@code sys/health} as initialized and unsealed and the broker holds a usable token. */
@Readiness
@ApplicationScoped
public class VaultReadiness implements HealthCheck {
    private final VaultSession session;

    public VaultReadiness(VaultSession session) {
        this.session = session;
    }

    @Override
    public HealthCheckResponse call() {
        VaultConnection connection = session.connection();
        HealthCheckResponseBuilder check = HealthCheckResponse.named("Vault").withData("address", connection.settings().address().orElse("not set"));
        try {
            RestResponse health = connection.rest("sys/health", null).get();
            check.withData("sys/health", health.getStatus());
            if (health.getStatus() != 200) {
                return check.down().withData("reason", health.getStatus() == 503 ? "sealed" : "not active").build();
            }
        } catch (RestException e) {
            return check.down().withData("reason", "unreachable").build();
        }
        try {
            session.token();
            session.expiresAt().ifPresent(expiry -> check.withData("token-expires-at", expiry.toString()));
            return check.up().build();
        } catch (VaultAccessException e) {
            return check.down().withData("reason", e.getMessage()).build();
        }
    }
}
