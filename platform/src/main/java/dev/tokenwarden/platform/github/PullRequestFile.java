package dev.tokenwarden.platform.github;

/**
 * One file a pull request changes: its path at the head, GitHub's status ({@code added}, {@code modified},
 * {@code removed}, {@code renamed}, ...), and for a rename the path it had before.
 */
public record PullRequestFile(String filename, String status, String previousFilename) {
    public boolean removed() {
        return "removed".equals(status);
    }
}
