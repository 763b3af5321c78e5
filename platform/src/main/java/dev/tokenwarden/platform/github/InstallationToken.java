package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A minted installation token. {@code installationKey} ({@code appId/installationId}) keys its rate-limit
 * observations. {@link #toString()} redacts the value.
 */
public record InstallationToken(
        String value,
        String installationKey,
        Instant expiresAt,
        Map<String, String> permissions,
        List<String> repositories,
        String repositorySelection) {

    /** The credential to call GitHub with this token. */
    public GitHubCredential credential() {
        return GitHubCredential.token(value, installationKey);
    }

    @Override
    public String toString() {
        return "InstallationToken[value=<redacted>, installationKey=" + installationKey + ", expiresAt=" + expiresAt
                + ", permissions=" + permissions + ", repositories=" + repositories
                + ", repositorySelection=" + repositorySelection + "]";
    }
}
