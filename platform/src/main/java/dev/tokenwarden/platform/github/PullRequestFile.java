package dev.tokenwarden.platform.github;

/**
 * One file a pull request changes: its path at the head, GitHub's status ({@code added}, {@code modified},
 * {@code removed}, {@code renamed}, ...), for a rename the path it had before, and the unified diff hunks GitHub
 * gives as {@code patch} (null when GitHub leaves it out: a binary file or a very large diff).
 */
public record PullRequestFile(String filename, String status, String previousFilename, String patch) {
    public boolean removed() {
        return "removed".equals(status);
    }

    public boolean added() {
        return "added".equals(status);
    }
}
