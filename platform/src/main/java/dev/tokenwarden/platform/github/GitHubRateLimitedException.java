package dev.tokenwarden.platform.github;

import java.time.Instant;

/** A primary or secondary rate limit whose end is further away than the client is configured to wait. */
public final class GitHubRateLimitedException extends GitHubException {
    private final Instant until;

    GitHubRateLimitedException(String operation, Instant until) {
        super(operation, "rate limited by GitHub until " + until);
        this.until = until;
    }

    /** When GitHub will accept calls from this credential again. */
    public Instant until() {
        return until;
    }
}
