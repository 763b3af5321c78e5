package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.cache.BlobCache;
import dev.tokenwarden.auditor.domain.callees.CachedRemoteFiles;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.fix.TagResolutionException;
import dev.tokenwarden.auditor.domain.fix.TagResolver;
import dev.tokenwarden.auditor.domain.proposal.CachedTagResolver;
import dev.tokenwarden.auditor.domain.governance.WorkflowChangeGovernance;
import dev.tokenwarden.auditor.domain.webhook.ChangedWorkflows;
import dev.tokenwarden.platform.github.Advisory;
import dev.tokenwarden.platform.github.CheckRun;
import dev.tokenwarden.platform.github.CheckRunUpdate;
import dev.tokenwarden.platform.github.GitHubChecksClient;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubException;
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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The auditor's calls to GitHub with the internal {@code auditor} credential ({@link InternalGitHub}): reads, and the
 * results it reports on pull requests (check runs, SARIF uploads).
 */
@Singleton
public class AuditorGitHub extends InternalGitHub {
    /** The rate key of the auditor credential's observations. */
    public static final String RATE_KEY = "auditor";

    /** GitHub's answer to the trees API for a repository without commits. */
    private static final int EMPTY_REPOSITORY = 409;

    private final GitHubChecksClient checks;
    private final BlobCache blobs;

    public AuditorGitHub(GitHubClient client, @Named(RATE_KEY) InternalGitHubToken token, BlobCache blobs) {
        super(client, token, RATE_KEY, "tokenwarden.auditor.github-token-vault-path nor tokenwarden.auditor.github-token");
        this.checks = new GitHubChecksClient(client);
        this.blobs = blobs;
    }

    /** Workflow contents by blob id for everything that reads a whole tree: org scans, fix pull requests ({@link BlobCache}). */
    @Produces
    @Singleton
    static BlobCache blobs(AuditorConfig config, MeterRegistry metrics) {
        BlobCache blobs = new BlobCache(config.blobCacheBytes());
        FunctionCounter.builder("tokenwarden.auditor.blob.cache.hits", blobs, BlobCache::hits)
                .description("workflow files taken from the blob cache instead of GitHub").register(metrics);
        FunctionCounter.builder("tokenwarden.auditor.blob.cache.misses", blobs, BlobCache::misses)
                .description("workflow files read from GitHub, their blob not cached").register(metrics);
        Gauge.builder("tokenwarden.auditor.blob.cache.bytes", blobs, BlobCache::bytes).baseUnit("bytes").register(metrics);
        return blobs;
    }

    /** Remote callees for the engine, read with the auditor credential and cached ({@link CachedRemoteFiles}). */
    @Produces
    @Singleton
    static RemoteFiles remoteCallees(AuditorGitHub github, Clock clock, AuditorConfig config) {
        AuditorConfig.RemoteCallees settings = config.remoteCallees();
        return new CachedRemoteFiles(github::file, clock,
                new CachedRemoteFiles.Settings(settings.cacheSize(), settings.pinnedFor(), settings.movableFor()));
    }

    /** Tags for pinning {@code uses:}, resolved with the auditor credential and cached ({@link CachedTagResolver}). */
    @Produces
    @Singleton
    static TagResolver tags(AuditorGitHub github, Clock clock, AuditorConfig config) {
        TagResolver fromGitHub = (owner, repo, tag) -> {
            try {
                return github.tagCommit(owner, repo, tag);
            } catch (GitHubException | IllegalStateException e) {
                throw new TagResolutionException("tag " + tag + " of " + owner + "/" + repo + " could not be read from GitHub: "
                        + e.getMessage(), e);
            }
        };
        return new CachedTagResolver(fromGitHub, clock, config.fix().tagCacheSize(), config.fix().tagCacheFor());
    }

    @Produces
    @Singleton
    @Named(RATE_KEY)
    static InternalGitHubToken auditorToken(AuditorConfig config, KvSecretReader vault, Clock clock) {
        return new InternalGitHubToken(config.githubTokenVaultPath(), config.githubToken(), vault, clock);
    }

    /** The files at {@code ref} among {@code paths}; a path that no longer exists there is skipped. */
    public List<InputFile> files(String owner, String repo, String ref, List<String> paths) {
        return paths.stream().flatMap(path -> inputFile(owner, repo, path, ref).stream()).toList();
    }

    private Optional<InputFile> inputFile(String owner, String repo, String path, String ref) {
        return file(owner, repo, path, ref).map(content -> new InputFile(path, content));
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
        return workflowFiles(owner, repo, ref, Requests.DIRECT);
    }

    /**
     * As {@link #workflowFiles(String, String, String)}, each request made through {@code requests}; a file whose blob
     * is in the {@link BlobCache} is taken from there without a request.
     */
    public <X extends Exception> WorkflowFiles workflowFiles(String owner, String repo, String ref, Requests<X> requests) throws X {
        Optional<RepositoryTree> read = requests.make(() -> tree(owner, repo, ref));
        if (read.isEmpty()) {
            return new WorkflowFiles(List.of(), true, null);
        }
        RepositoryTree tree = read.get();
        Map<String, String> blobIds = new HashMap<>();
        tree.files().forEach(entry -> blobIds.put(entry.path(), entry.sha()));
        List<InputFile> files = new ArrayList<>();
        List<Supplier<Optional<InputFile>>> fetches = new ArrayList<>();
        for (String path : ChangedWorkflows.select(blobIds.keySet())) {
            String blobId = blobIds.get(path);
            Optional<byte[]> cached = blobs.get(blobId);
            if (cached.isPresent()) {
                files.add(new InputFile(path, cached.get()));
            } else {
                fetches.add(() -> inputFile(owner, repo, path, ref).map(file -> {
                    blobs.put(blobId, file.content());
                    return file;
                }));
            }
        }
        requests.makeAll(fetches).forEach(fetched -> fetched.ifPresent(files::add));
        files.sort(Comparator.comparing(InputFile::path));
        return new WorkflowFiles(List.copyOf(files), !tree.truncated(), tree.sha());
    }

    /** The ref's tree; empty for a repository without commits. */
    private Optional<RepositoryTree> tree(String owner, String repo, String ref) {
        try {
            return Optional.of(authenticated(auth -> client.getTree(auth, owner, repo, ref)));
        } catch (GitHubApiException e) {
            if (e.status() == EMPTY_REPOSITORY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * How a caller's GitHub requests are made: {@link #DIRECT}ly, one after another, or paced, paused and in parallel
     * by an org scan, which may be interrupted ({@code X}) while it waits.
     */
    public interface Requests<X extends Exception> {
        Requests<RuntimeException> DIRECT = new Requests<>() {
            @Override
            public <T> T make(Supplier<T> request) {
                return request.get();
            }

            @Override
            public <T> List<T> makeAll(List<Supplier<T>> requests) {
                return requests.stream().map(Supplier::get).toList();
            }
        };

        <T> T make(Supplier<T> request) throws X;

        /** The answers in the order of {@code requests}; the first failure is thrown. */
        <T> List<T> makeAll(List<Supplier<T>> requests) throws X;
    }

    /** {@code treeSha}: the ref's root tree, null for an empty repository. */
    public record WorkflowFiles(List<InputFile> files, boolean complete, String treeSha) {
    }

    /** The repository's default branch; empty when the repository does not exist or is not readable. */
    public Optional<String> defaultBranch(String owner, String repo) {
        return authenticated(auth -> client.getRepository(auth, owner, repo)).map(Repository::defaultBranch);
    }

    /** The commit {@code branch} points at; empty when there is no such branch. */
    public Optional<String> branchHead(String owner, String repo, String branch) {
        return authenticated(auth -> client.getBranchHead(auth, owner, repo, branch));
    }

    /** The commit tag {@code tag} of {@code owner/repo} names, an annotated tag peeled; empty when there is no such tag. */
    public Optional<String> tagCommit(String owner, String repo, String tag) {
        return authenticated(auth -> client.resolveTag(auth, owner, repo, tag));
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

    /**
     * The credential for writing results to {@code owner}'s repositories: the same auditor credential, an installation
     * token of the GitHub App (GitHub takes check runs from GitHub Apps only).
     */
    protected GitHubCredential resultsCredential(String owner) {
        return credential();
    }
}
