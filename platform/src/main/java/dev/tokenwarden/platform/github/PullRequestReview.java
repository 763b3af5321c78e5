package dev.tokenwarden.platform.github;

/** A review of a pull request: who gave it and its state ({@code APPROVED}, {@code CHANGES_REQUESTED}, {@code COMMENTED}, ...). */
public record PullRequestReview(String reviewer, String state) {
    public boolean approved() {
        return "APPROVED".equals(state);
    }
}
