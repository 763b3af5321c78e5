package dev.tokenwarden.platform.github;

/** An open pull request: its number and web address, the branch it comes from (at {@code headSha}) and the one it targets. */
public record PullRequest(long number, String htmlUrl, String headRef, String headSha, String baseRef) {
}
