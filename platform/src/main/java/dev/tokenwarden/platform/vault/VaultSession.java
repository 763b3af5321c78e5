package dev.tokenwarden.platform.vault;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.AuthResponse;
import io.github.jopenlibs.vault.response.LookupResponse;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's own Vault token: the configured one, or one from an AppRole login; renewed before it
 * expires (checked on a schedule, measured on the injected clock), and replaced by a fresh login when it
 * can no longer be renewed. With a Vault agent in front, the agent owns the token and this does nothing.
 */
@ApplicationScoped
public class VaultSession {
    private static final Logger LOG = Logger.getLogger(VaultSession.class);

    private final VaultConnection connection;
    private final Clock clock;
    private String token;
    private Instant expiresAt;
    private Duration ttl = Duration.ZERO;
    private boolean renewable;
    private boolean known;

    @Inject
    public VaultSession(VaultSettings settings, Clock clock) {
        this(new VaultConnection(settings), clock);
    }

    public VaultSession(VaultConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    public VaultConnection connection() {
        return connection;
    }

    /** The token to send now; logs in first if there is none yet. */
    public synchronized String token() {
        if (token == null) {
            authenticate();
        }
        return token;
    }

    /** When the current token expires, once known; empty for a token without expiry or an agent's. */
    public synchronized Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Replaces a token Vault refused; returns whether a new one was obtained (only AppRole can). */
    synchronized boolean reauthenticate() {
        if (method() != VaultSettings.Method.APPROLE) {
            return false;
        }
        authenticate();
        return true;
    }

    @Scheduled(every = "${tokenwarden.vault.renewal.check-interval:30s}", delayed = "${tokenwarden.vault.renewal.check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRenewal() {
        if (connection.settings().address().isEmpty()) {
            return;
        }
        try {
            renewIfDue();
        } catch (VaultAccessException e) {
            LOG.warnf("Vault token renewal failed (%s): %s; the next check retries", e.problem(), e.getMessage());
        }
    }

    /** Renews the token when its remaining TTL is below the threshold; logs in again when renewal is impossible. */
    public synchronized void renewIfDue() {
        if (method() == VaultSettings.Method.AGENT) {
            return;
        }
        token();
        if (!known) {
            lookup();
        }
        if (expiresAt == null) {
            return;
        }
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        Duration threshold = max(connection.settings().renewal().renewBefore(), ttl.dividedBy(3));
        if (remaining.compareTo(threshold) > 0) {
            return;
        }
        if (renewable && renewSelf()) {
            return;
        }
        if (!reauthenticate()) {
            LOG.warnf("the service's Vault token expires at %s and cannot be renewed; configure AppRole or a renewable token",
                    expiresAt);
        }
    }

    private boolean renewSelf() {
        try {
            AuthResponse renewed = connection.client(token).auth().renewSelf(ttl.toSeconds());
            if (renewed.getRestResponse().getStatus() != 200) {
                return false;
            }
            remember(renewed.getAuthLeaseDuration(), renewed.getAuthLeaseDuration(), renewed.isAuthRenewable());
            LOG.infof("renewed the service's Vault token until %s", expiresAt);
            return true;
        } catch (VaultException e) {
            LOG.warnf("Vault refused to renew the service's token (HTTP %d)", e.getHttpStatusCode());
            return false;
        }
    }

    private void authenticate() {
        VaultSettings.Auth auth = connection.settings().auth();
        switch (method()) {
            case AGENT -> {
                token = "";
                known = true;
            }
            case TOKEN -> {
                token = auth.token().filter(t -> !t.isBlank()).orElseThrow(() -> new VaultAccessException(
                        VaultAccessException.Problem.AUTHENTICATION, 0, "tokenwarden.vault.auth.token is not set"));
                known = false;
            }
            case APPROLE -> loginWithAppRole(auth);
        }
    }

    private void loginWithAppRole(VaultSettings.Auth auth) {
        String roleId = auth.roleId().orElseThrow(() -> new VaultAccessException(
                VaultAccessException.Problem.AUTHENTICATION, 0, "tokenwarden.vault.auth.role-id is not set"));
        String secretId = auth.secretId().orElseThrow(() -> new VaultAccessException(
                VaultAccessException.Problem.AUTHENTICATION, 0, "tokenwarden.vault.auth.secret-id is not set"));
        try {
            AuthResponse login = connection.client("").auth().loginByAppRole(auth.approlePath(), roleId, secretId);
            if (login.getRestResponse().getStatus() != 200 || login.getAuthClientToken() == null) {
                throw loginFailed(login.getRestResponse().getStatus());
            }
            token = login.getAuthClientToken();
            remember(login.getAuthLeaseDuration(), login.getAuthLeaseDuration(), login.isAuthRenewable());
            LOG.infof("logged in to Vault with AppRole at auth/%s; token valid until %s", auth.approlePath(), expiresAt);
        } catch (VaultException e) {
            throw loginFailed(e.getHttpStatusCode());
        }
    }

    private VaultAccessException loginFailed(int status) {
        return new VaultAccessException(VaultAccessException.Problem.AUTHENTICATION, status,
                "AppRole login at auth/" + connection.settings().auth().approlePath() + " failed with HTTP " + status);
    }

    private void lookup() {
        try {
            LookupResponse self = connection.client(token).auth().lookupSelf();
            remember(self.getTTL(), self.getCreationTTL(), self.isRenewable());
        } catch (VaultException e) {
            throw new VaultAccessException(e.getHttpStatusCode() == 403 ? VaultAccessException.Problem.AUTHENTICATION
                    : VaultAccessException.Problem.UNAVAILABLE, e.getHttpStatusCode(),
                    "looking up the service's Vault token failed with HTTP " + e.getHttpStatusCode());
        }
    }

    /** {@code fullSeconds} is the token's whole TTL, which renewal asks for again; 0 remaining means no expiry. */
    private void remember(long remainingSeconds, long fullSeconds, boolean isRenewable) {
        known = true;
        renewable = isRenewable;
        ttl = Duration.ofSeconds(fullSeconds);
        expiresAt = remainingSeconds == 0 ? null : clock.instant().plusSeconds(remainingSeconds);
    }

    private VaultSettings.Method method() {
        return connection.settings().auth().method();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
