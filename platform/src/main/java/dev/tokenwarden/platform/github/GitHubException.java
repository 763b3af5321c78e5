package dev.tokenwarden.platform.github;

/**
 * Why a GitHub call did not give an answer the caller can use. Messages name the operation and status,
 * never a token, a key or a response body.
 */
public abstract sealed class GitHubException extends RuntimeException
        permits GitHubApiException, GitHubRateLimitedException, GitHubCircuitOpenException, GitHubUnavailableException {
    private final String operation;

    GitHubException(String operation, String message) {
        super(operation + ": " + message);
        this.operation = operation;
    }

    /** Method and path template, e.g. {@code POST /app/installations/{installation_id}/access_tokens}. */
    public String operation() {
        return operation;
    }
}
