package dev.tokenwarden.platform.github;

import java.util.List;
import java.util.Optional;

/** The fields of an issue to change; empty ones stay as they are. {@code state} is {@code open} or {@code closed}. */
public record IssueUpdate(Optional<String> title, Optional<String> body, Optional<String> state, Optional<List<String>> labels) {
    public static IssueUpdate close() {
        return new IssueUpdate(Optional.empty(), Optional.empty(), Optional.of("closed"), Optional.empty());
    }

    public static IssueUpdate reopen() {
        return new IssueUpdate(Optional.empty(), Optional.empty(), Optional.of("open"), Optional.empty());
    }
}
