package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.callees.CachedRemoteFiles;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.governance.WorkflowChangeGovernance;
import dev.tokenwarden.auditor.domain.webhook.ChangedWorkflows;
import dev.tokenwarden.platform.github.Advisory;
import dev.tokenwarden.platform.github.CheckRun;
import dev.tokenwarden.platform.github.CheckRunUpdate;
import dev.tokenwarden.platform.github.GitHubChecksClient;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.MergedPullRequest;
import dev.tokenwarden.platform.github.PullRequestFile;
import dev.tokenwarden.platform.github.PullRequestReview;
import dev.tokenwarden.platform.github.Repository;
import dev.tokenwarden.platform.github.RepositoryFile;
import dev.tokenwarden.platform.github.RepositoryTree;
import dev.tokenwarden.platform.github.SarifProcessing;
import dev.tokenwarden.platform.github.SecretScanningAlert;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import dev.tokenwarden.platform.vault.VaultAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The auditor's calls to GitHub, with the internal {@code auditor} credential (from Vault, or a configured
 * literal): reads, and the results it reports on pull requests (check runs, SARIF uploads). A call GitHub refuses
 * with 401 is made once more when Vault holds a newer token. Timeouts, bounded retries, rate-limit waits and the
 * circuit breaker are the platform client's.
 */
@ApplicationScoped
public class AuditorGitHub {
    /** The rate key of the auditor credential's observations. */
    public static final String RATE_KEY = "auditor";

    /** GitHub's answer to the trees API for a repository without commits. */
    private static final int EMPTY_REPOSITORY = 409;

    private static final int UNAUTHORIZED = 401;

    private final GitHubClient client;
    private final GitHubChecksClient checks;
    private final InternalGitHubToken token;

    public AuditorGitHub(GitHubClient client, InternalGitHubToken token) {
        this.client = client;
        this.checks = new GitHubChecksClient(client);
        this.token = token;
    }

    /** Remote callees for the engine, read with the auditor credential and cached ({@link CachedRemoteFiles}). */
    @Produces
    @Singleton
    static RemoteFiles remoteCallees(AuditorGitHub github, Clock clock, AuditorConfig config) {
        AuditorConfig.RemoteCallees settings = config.remoteCallees();
        return new CachedRemoteFiles(github::file, clock,
                new CachedRemoteFiles.Settings(settings.cacheSize(), settings.pinnedFor(), settings.movableFor()));
    }

    @Produces
    @Singleton
    static InternalGitHubToken auditorToken(AuditorConfig config, KvSecretReader vault, Clock clock) {
        return new InternalGitHubToken(config.githubTokenVaultPath(), config.githubToken(), vault, clock);
    }

    /** The files at {@code ref} among {@code paths}; a path that no longer exists there is skipped. */
    public List<InputFile> files(String owner, String repo, String ref, List<String> paths) {
        return authenticated(auth -> {
            List<InputFile> files = new ArrayList<>();
            for (String path : paths) {
                client.getFile(auth, owner, repo, path, Optional.of(ref))
                        .ifPresent(file -> files.add(new InputFile(path, file.content())));
            }
            return files;
        });
    }

    /** One file at {@code ref}; empty when the repository, the ref or the file does not exist or is not readable. */
    public Optional<byte[]> file(String owner, String repo, String path, String ref) {
        return authenticated(auth -> client.getFile(auth, owner, repo, path, Optional.of(ref))).map(RepositoryFile::content);
    }

    /** The files pull request {@code number} adds or modifies (a rename under its new name), with their patches; removed files are left out. */
    public List<PullRequestFile> pullRequestChanges(String owner, String repo, long number) {
        return authenticated(auth -> client.listPullRequestFiles(auth, owner, repo, number)).stream()
                .filter(file -> !file.removed())
                .toList();
    }

    /** The latest check runs named {@code name} on commit {@code sha} of {@code owner/repo}, newest first. */
    public List<CheckRun> checkRuns(String owner, String repo, String sha, String name) {
        return authenticated(() -> resultsCredential(owner), auth -> checks.listCheckRuns(auth, owner, repo, sha, name));
    }

    public CheckRun createCheckRun(String owner, String repo, String name, String sha, CheckRunUpdate run) {
        return authenticated(() -> resultsCredential(owner), auth -> checks.createCheckRun(auth, owner, repo, name, sha, run));
    }

    public CheckRun updateCheckRun(String owner, String repo, long id, CheckRunUpdate update) {
        return authenticated(() -> resultsCredential(owner), auth -> checks.updateCheckRun(auth, owner, repo, id, update));
    }

    /** Uploads a gzip'd, base64'd SARIF report for {@code sha} on {@code ref}; GitHub's id for the upload. */
    public String uploadSarif(String owner, String repo, String sha, String ref, String gzipBase64, String toolName) {
        return authenticated(() -> resultsCredential(owner), auth -> checks.uploadSarif(auth, owner, repo, sha, ref, gzipBase64, toolName));
    }

    public SarifProcessing sarifProcessing(String owner, String repo, String sarifId) {
        return authenticated(() -> resultsCredential(owner), auth -> checks.sarifProcessing(auth, owner, repo, sarifId));
    }

    /** Every repository of {@code org} the auditor credential can see, all pages. */
    public List<Repository> organisationRepositories(String org) {
        return authenticated(auth -> client.listOrgRepositories(auth, org));
    }

    /**
     * The workflow and action metadata files at {@code ref}, chosen as a push's are ({@link ChangedWorkflows}) from
     * the ref's tree; not {@code complete} when GitHub truncated a very large tree. An empty repository has none.
     */
    public WorkflowFiles workflowFiles(String owner, String repo, String ref) {
        RepositoryTree tree;
        try {
            tree = authenticated(auth -> client.getTree(auth, owner, repo, ref));
        } catch (GitHubApiException e) {
            if (e.status() == EMPTY_REPOSITORY) {
                return new WorkflowFiles(List.of(), true);
            }
            throw e;
        }
        List<String> paths = ChangedWorkflows.select(tree.files().stream().map(RepositoryTree.Entry::path).toList());
        return new WorkflowFiles(files(owner, repo, ref, paths), !tree.truncated());
    }

    public record WorkflowFiles(List<InputFile> files, boolean complete) {
    }

    /** The alert, its secret already reduced to a SHA-256 by the client. */
    public SecretScanningAlert secretScanningAlert(String owner, String repo, long number) {
        return authenticated(auth -> client.getSecretScanningAlert(auth, owner, repo, number));
    }

    /** Every reviewed advisory of the {@code actions} ecosystem, all pages. */
    public List<Advisory> actionsAdvisories() {
        return authenticated(auth -> client.listAdvisories(auth, "actions"));
    }

    /** Where {@link #actionsAdvisories()} reads from, for the data file's header. */
    public String advisoriesSource() {
        return client.baseUrl() + "/advisories?type=reviewed&ecosystem=actions";
    }

    /** Commit and pull request history, for the governance of workflow changes. */
    public WorkflowChangeGovernance.History history() {
        return new WorkflowChangeGovernance.History() {
            @Override
            public List<MergedPullRequest> pullRequests(String owner, String repo, String sha) {
                return authenticated(auth -> client.listPullRequestsForCommit(auth, owner, repo, sha));
            }

            @Override
            public List<PullRequestReview> reviews(String owner, String repo, long number) {
                return authenticated(auth -> client.listPullRequestReviews(auth, owner, repo, number));
            }

            @Override
            public boolean verified(String owner, String repo, String sha) {
                return authenticated(auth -> client.isCommitVerified(auth, owner, repo, sha));
            }
        };
    }

    /** Whether the auditor credential is there to read GitHub with. */
    public boolean configured() {
        return token.configured();
    }

    /** {@code call} with the current credential, and once more with a newer one when GitHub refused it (401). */
    private <T> T authenticated(Function<GitHubCredential, T> call) {
        return authenticated(this::credential, call);
    }

    private <T> T authenticated(Supplier<GitHubCredential> credential, Function<GitHubCredential, T> call) {
        try {
            return call.apply(credential.get());
        } catch (GitHubApiException e) {
            if (e.status() == UNAUTHORIZED && token.renewAfterRejection()) {
                return call.apply(credential.get());
            }
            throw e;
        }
    }

    /**
     * The credential for writing results to {@code owner}'s repositories: the same auditor credential, an installation
     * token of the GitHub App (GitHub takes check runs from GitHub Apps only).
     */
    protected GitHubCredential resultsCredential(String owner) {
        return credential();
    }

    /** An {@link IllegalStateException}, which the callers answer as "GitHub unavailable", when there is no token. */
    protected GitHubCredential credential() {
        Optional<String> current;
        try {
            current = token.current();
        } catch (VaultAccessException e) {
            throw new IllegalStateException("the auditor's GitHub credential is not readable from Vault: " + e.getMessage(), e);
        }
        return GitHubCredential.token(current.orElseThrow(() -> new IllegalStateException(
                "neither tokenwarden.auditor.github-token-vault-path nor tokenwarden.auditor.github-token is configured")), RATE_KEY);
    }
}
