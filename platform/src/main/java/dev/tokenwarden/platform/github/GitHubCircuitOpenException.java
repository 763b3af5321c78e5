package dev.tokenwarden.platform.github;

import java.time.Instant;

/** The circuit to this GitHub is open after repeated failures; no request was sent. */
public final class GitHubCircuitOpenException extends GitHubException {
    private final Instant retryAfter;

    GitHubCircuitOpenException(String operation, Instant retryAfter) {
        super(operation, "circuit open after repeated GitHub failures; next trial at " + retryAfter);
        this.retryAfter = retryAfter;
    }

    public Instant retryAfter() {
        return retryAfter;
    }
}
