package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.platform.github.Advisory;
import dev.tokenwarden.auditor.domain.webhook.ChangedWorkflows;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.PullRequestFile;
import dev.tokenwarden.platform.github.Repository;
import dev.tokenwarden.platform.github.RepositoryTree;
import dev.tokenwarden.platform.github.SecretScanningAlert;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The auditor's reads from GitHub, with the internal {@code auditor} credential. Timeouts, bounded retries,
 * rate-limit waits and the circuit breaker are the platform client's.
 */
@ApplicationScoped
public class AuditorGitHub {
    /** The rate key of the auditor credential's observations. */
    public static final String RATE_KEY = "auditor";

    /** GitHub's answer to the trees API for a repository without commits. */
    private static final int EMPTY_REPOSITORY = 409;

    private final GitHubClient client;
    private final AuditorConfig config;

    public AuditorGitHub(GitHubClient client, AuditorConfig config) {
        this.client = client;
        this.config = config;
    }

    /** The files at {@code ref} among {@code paths}; a path that no longer exists there is skipped. */
    public List<InputFile> files(String owner, String repo, String ref, List<String> paths) {
        GitHubCredential auth = credential();
        List<InputFile> files = new ArrayList<>();
        for (String path : paths) {
            client.getFile(auth, owner, repo, path, Optional.of(ref))
                    .ifPresent(file -> files.add(new InputFile(path, file.content())));
        }
        return files;
    }

    /** The paths pull request {@code number} adds or modifies (a rename under its new name); removed files are left out. */
    public List<String> pullRequestChanges(String owner, String repo, long number) {
        return client.listPullRequestFiles(credential(), owner, repo, number).stream()
                .filter(file -> !file.removed())
                .map(PullRequestFile::filename)
                .toList();
    }

    /** Every repository of {@code org} the auditor credential can see, all pages. */
    public List<Repository> organisationRepositories(String org) {
        return client.listOrgRepositories(credential(), org);
    }

    /**
     * The workflow and action metadata files at {@code ref}, chosen as a push's are ({@link ChangedWorkflows}) from
     * the ref's tree; not {@code complete} when GitHub truncated a very large tree. An empty repository has none.
     */
    public WorkflowFiles workflowFiles(String owner, String repo, String ref) {
        RepositoryTree tree;
        try {
            tree = client.getTree(credential(), owner, repo, ref);
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
        return client.getSecretScanningAlert(credential(), owner, repo, number);
    }

    /** Every reviewed advisory of the {@code actions} ecosystem, all pages. */
    public List<Advisory> actionsAdvisories() {
        return client.listAdvisories(credential(), "actions");
    }

    /** Where {@link #actionsAdvisories()} reads from, for the data file's header. */
    public String advisoriesSource() {
        return client.baseUrl() + "/advisories?type=reviewed&ecosystem=actions";
    }

    /** Whether the auditor credential is there to read GitHub with. */
    public boolean configured() {
        return config.githubToken().isPresent();
    }

    protected GitHubCredential credential() {
        return GitHubCredential.token(config.githubToken().orElseThrow(
                () -> new IllegalStateException("tokenwarden.auditor.github-token is not configured")), RATE_KEY);
    }
}
