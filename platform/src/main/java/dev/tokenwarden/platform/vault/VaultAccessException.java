package dev.tokenwarden.platform.vault;

/**
 * A Vault call that did not do what was asked, for a reason other than a check-and-set conflict. The
 * message names the operation, the path and Vault's answer; it never carries a credential value.
 */
public class VaultAccessException extends RuntimeException {
    /** Why the call failed, which decides whether retrying later can help. */
    public enum Problem {
        /** 403: the service's token or policy does not allow this path. Fix the policy; retrying will not help. */
        POLICY_DENIED,
        /** 5xx, 503 sealed, or no connection, after the configured retries. Retrying later can help. */
        UNAVAILABLE,
        /** Any other refusal (a 4xx such as a malformed request or a missing mount). */
        REJECTED,
        /** The service could not log in to Vault. */
        AUTHENTICATION
    }

    private final Problem problem;
    private final int status;

    public VaultAccessException(Problem problem, int status, String message) {
        super(message);
        this.problem = problem;
        this.status = status;
    }

    /** Whether the same call may succeed later (Vault unavailable or sealed) rather than needing a person. */
    public boolean retryable() {
        return problem == Problem.UNAVAILABLE;
    }

    public Problem problem() {
        return problem;
    }

    /** Vault's HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }
}
