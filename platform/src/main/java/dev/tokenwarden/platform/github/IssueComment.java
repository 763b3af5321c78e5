package dev.tokenwarden.platform.github;

/** A comment on an issue. */
public record IssueComment(long id, String htmlUrl) {
}
