package dev.tokenwarden.auditor.domain.fix;

import java.util.Optional;

/**
 * Finds the commit a tag of a GitHub repository points to, for pinning {@code uses: owner/repo@tag}. The CLI reads
 * an offline cache and may ask the GitHub API; the service asks the GitHub API.
 */
@FunctionalInterface
public interface TagResolver {

    /** Resolves nothing: every tag is unknown. */
    TagResolver NONE = (owner, repo, tag) -> Optional.empty();

    /**
     * The full 40-hex commit SHA of {@code tag} in {@code owner/repo}, an annotated tag peeled to its commit; empty
     * when the tag is unknown (does not exist, or is not in an offline cache).
     *
     * @throws TagResolutionException when the answer could not be obtained (network, rate limit, bad response); its
     *         message is the reason shown to the user and must not contain a credential
     */
    Optional<String> commitSha(String owner, String repo, String tag) throws TagResolutionException;
}
