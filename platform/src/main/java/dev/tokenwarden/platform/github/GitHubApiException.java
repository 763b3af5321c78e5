package dev.tokenwarden.platform.github;

/** GitHub answered with a status the operation does not expect (401, 403, 404, 422, ...). */
public final class GitHubApiException extends GitHubException {
    private final int status;

    GitHubApiException(String operation, int status, String gitHubMessage) {
        super(operation, "GitHub answered " + status + (gitHubMessage.isEmpty() ? "" : " (" + gitHubMessage + ")"));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
