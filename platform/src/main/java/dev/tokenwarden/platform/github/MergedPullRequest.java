package dev.tokenwarden.platform.github;

import java.time.Instant;

/** A pull request associated with a commit: its number, author, the branch it targets, and when it was merged (null: not merged). */
public record MergedPullRequest(long number, String author, String baseRef, Instant mergedAt) {
    public boolean merged() {
        return mergedAt != null;
    }
}
