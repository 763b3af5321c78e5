package dev.tokenwarden.platform.github;

/** GitHub kept failing (5xx or network errors) for every attempt the client is allowed. */
public final class GitHubUnavailableException extends GitHubException {
    private final int attempts;

    GitHubUnavailableException(String operation, int attempts, String lastFailure) {
        super(operation, "GitHub unavailable after " + attempts + " attempt(s); last: " + lastFailure);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
