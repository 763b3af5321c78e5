package dev.tokenwarden.platform.vault;

import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs one Vault call with the service's token and turns every outcome into a status: the driver returns
 * some 4xx answers and throws on others, so both paths end here. 5xx (503 sealed included) and lost
 * connections are retried with exponential backoff up to the configured attempts; a 403 first gets a
 * fresh login where AppRole allows one, then is reported as a policy problem naming the path.
 */
public final class VaultRetry {
    private static final Logger LOG = Logger.getLogger(VaultRetry.class);

    /** Waits between attempts; tests replace it to act between them instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @FunctionalInterface
    public interface Call {
        RestResponse run(String token) throws VaultException, RestException;
    }

    private final VaultSession session;
    private final VaultSettings.Retry retry;
    private final Sleeper sleeper;

    public VaultRetry(VaultSession session, VaultSettings.Retry retry, Sleeper sleeper) {
        this.session = session;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /** The answer to {@code call}, any status but 403 and 5xx; {@code what} names operation and path for errors. */
    public RestResponse execute(String what, Call call) {
        boolean reauthenticated = false;
        int attempts = Math.max(1, retry.maxAttempts());
        int status = 0;
        int attempt = 1;
        while (attempt <= attempts) {
            RestResponse answer = attempt(call, session.token());
            status = answer.getStatus();
            if (status == 403) {
                if (!reauthenticated && session.reauthenticate()) {
                    reauthenticated = true;
                    continue;
                }
                throw new VaultAccessException(VaultAccessException.Problem.POLICY_DENIED, 403,
                        "Vault denied " + what + " (403 permission denied): the service's token lacks a policy granting it, or has expired");
            }
            if (status != 0 && status < 500) {
                return answer;
            }
            if (attempt < attempts) {
                Duration backoff = backoff(attempt);
                LOG.warnf("Vault answered %s to %s (attempt %d of %d); retrying in %d ms",
                        status == 0 ? "no connection" : "HTTP " + status, what, attempt, attempts, backoff.toMillis());
                pause(backoff);
            }
            attempt++;
        }
        throw new VaultAccessException(VaultAccessException.Problem.UNAVAILABLE, status, "Vault did not complete " + what
                + " after " + attempts + " attempts (last: " + (status == 0 ? "no connection" : "HTTP " + status)
                + (status == 503 ? ", sealed or standby" : "") + ")");
    }

    /** The answer whether the driver returned or threw it; status 0 when no answer came. */
    private static RestResponse attempt(Call call, String token) {
        try {
            return call.run(token);
        } catch (VaultException e) {
            return new RestResponse(e.getHttpStatusCode(), "application/json", new byte[0]);
        } catch (RestException e) {
            return new RestResponse(0, "application/json", new byte[0]);
        }
    }

    private Duration backoff(int attempt) {
        Duration backoff = retry.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return backoff.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : backoff;
    }

    private void pause(Duration backoff) {
        try {
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultAccessException(VaultAccessException.Problem.UNAVAILABLE, 0, "interrupted while waiting for Vault");
        }
    }
}
