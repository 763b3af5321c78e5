package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.PullRequest;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The auditor's writes to GitHub, with the internal {@code fixer} credential the token-broker mints (contents,
 * pull requests and workflows write): the objects of one commit, a branch at it, and a pull request from it.
 */
@Singleton
public class FixerGitHub extends InternalGitHub {
    /** The rate key of the fixer credential's observations. */
    public static final String RATE_KEY = "fixer";

    public FixerGitHub(GitHubClient client, @Named(RATE_KEY) InternalGitHubToken token) {
        super(client, token, RATE_KEY, "tokenwarden.auditor.fix.github-token-vault-path nor tokenwarden.auditor.fix.github-token");
    }

    @Produces
    @Singleton
    @Named(RATE_KEY)
    static InternalGitHubToken fixerToken(AuditorConfig config, KvSecretReader vault, Clock clock) {
        return new InternalGitHubToken(config.fix().githubTokenVaultPath(), config.fix().githubToken(), vault, clock);
    }

    /** The commit {@code branch} points at; empty when there is no such branch. */
    public Optional<String> branchHead(String owner, String repo, String branch) {
        return authenticated(auth -> client.getBranchHead(auth, owner, repo, branch));
    }

    /**
     * One commit on top of {@code parent} whose tree is {@code baseTree} with {@code files} (path to new content) put in;
     * returns its SHA. Blobs, tree and commit are unreachable until a branch points at the commit.
     */
    public String commit(String owner, String repo, String parent, String baseTree, Map<String, String> files, String message) {
        return authenticated(auth -> {
            Map<String, String> blobs = new TreeMap<>();
            files.forEach((path, text) -> blobs.put(path,
                    client.createBlob(auth, owner, repo, text.getBytes(StandardCharsets.UTF_8))));
            String tree = client.createTree(auth, owner, repo, baseTree, blobs);
            return client.createCommit(auth, owner, repo, message, tree, parent);
        });
    }

    /** Creates {@code branch} at {@code sha}; GitHub refuses (422) when it exists already or may not be written. */
    public void createBranch(String owner, String repo, String branch, String sha) {
        authenticated(auth -> {
            client.createBranch(auth, owner, repo, branch, sha);
            return null;
        });
    }

    public PullRequest openPullRequest(String owner, String repo, String title, String head, String base, String body) {
        return authenticated(auth -> client.createPullRequest(auth, owner, repo, title, head, base, body));
    }

    /** The open pull requests from {@code head} into {@code base}. */
    public List<PullRequest> openPullRequests(String owner, String repo, String head, String base) {
        return authenticated(auth -> client.listOpenPullRequests(auth, owner, repo, head, base));
    }
}
