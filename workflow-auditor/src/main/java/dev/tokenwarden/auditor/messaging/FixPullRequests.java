package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.fix.FixOptions;
import dev.tokenwarden.auditor.domain.fix.TagResolver;
import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;
import dev.tokenwarden.auditor.domain.proposal.FixProposal;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.auditor.infra.FixerGitHub;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.FixProposed;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.PullRequest;
import dev.tokenwarden.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Fixes a repository's workflows as a pull request: the workflows are read at the base branch's head commit (as an
 * org scan reads them, with the {@code auditor} credential), scanned and fixed ({@link FixProposal}); the changed files
 * become one commit on branch {@code tokenwarden/fix-<id>}, then a pull request, both with the {@code fixer} credential,
 * and {@code fix.proposed} is published. The branch is created last, already at the finished commit, so a failure
 * before it leaves only unreachable Git objects; a failure after it (the pull request not opened) leaves the branch,
 * which the next request for the same change reuses since the branch name derives from the base commit and the
 * changed files. An open pull request from that branch is returned as it is: asking twice opens one.
 */
@ApplicationScoped
public class FixPullRequests {
    private static final int UNPROCESSABLE = 422;

    private final AuditorGitHub reader;
    private final FixerGitHub writer;
    private final Engine engine;
    private final RemoteFiles remoteCallees;
    private final TagResolver tags;
    private final EventPublisher publisher;
    private final Emitter<byte[]> proposals;
    private final OperatorActionLog actions;
    private final AuditorConfig config;
    private final Clock clock;

    public FixPullRequests(AuditorGitHub reader, FixerGitHub writer, Engine engine, RemoteFiles remoteCallees, TagResolver tags,
                           EventPublisher publisher, @Channel("fix-proposed-out") Emitter<byte[]> proposals, OperatorActionLog actions,
                           AuditorConfig config, Clock clock) {
        this.reader = reader;
        this.writer = writer;
        this.engine = engine;
        this.remoteCallees = remoteCallees;
        this.tags = tags;
        this.publisher = publisher;
        this.proposals = proposals;
        this.actions = actions;
        this.config = config;
        this.clock = clock;
    }

    /** What was asked: {@code rules} empty for every fixable rule, {@code base} empty for the default branch. */
    public record Request(String owner, String repo, Set<String> rules, Optional<String> base, boolean dryRun) {
    }

    /** What came of it: the proposal, and the pull request carrying it unless this was a dry run or nothing changed. */
    public record Result(String baseBranch, String baseCommit, String branch, FixProposal proposal, Optional<PullRequest> pullRequest,
                         boolean created) {
    }

    public Result propose(Request request, Caller caller) {
        String owner = request.owner();
        String repo = request.repo();
        String base = request.base().or(() -> reader.defaultBranch(owner, repo)).orElseThrow(() ->
                ProblemException.notFound("repository " + owner + "/" + repo + " does not exist or the auditor cannot read it"));
        String baseCommit = reader.branchHead(owner, repo, base).orElseThrow(() -> request.base().isPresent()
                ? ProblemException.invalidField("base", "repository " + owner + "/" + repo + " has no branch " + base)
                : ProblemException.notFound("repository " + owner + "/" + repo + " has no commit on its default branch yet"));
        AuditorGitHub.WorkflowFiles workflows = reader.workflowFiles(owner, repo, baseCommit);
        ScanResult scanned = engine.scan(workflows.files(), remoteCallees);
        FixProposal proposal = FixProposal.plan(engine, fixer(request, workflows.files(), baseCommit), workflows.files(), scanned);
        String branch = proposal.branchName(baseCommit);
        if (proposal.empty() || request.dryRun()) {
            return new Result(base, baseCommit, branch, proposal, Optional.empty(), false);
        }
        Optional<PullRequest> open = writer.openPullRequests(owner, repo, branch, base).stream().findFirst();
        if (open.isPresent()) {
            return new Result(base, baseCommit, branch, proposal, open, false);
        }
        String head = writer.branchHead(owner, repo, branch)
                .orElseGet(() -> createBranch(owner, repo, branch, writer.commit(owner, repo, baseCommit, workflows.treeSha(),
                        proposal.changedFiles(), proposal.commitMessage())));
        PullRequest pull;
        try {
            pull = writer.openPullRequest(owner, repo, proposal.title(), branch, base, proposal.pullRequestBody(base, baseCommit));
        } catch (GitHubApiException e) {
            Optional<PullRequest> opened = e.status() == UNPROCESSABLE
                    ? writer.openPullRequests(owner, repo, branch, base).stream().findFirst() : Optional.empty();
            return new Result(base, baseCommit, branch, proposal, Optional.of(opened.orElseThrow(() -> e)), false);
        }
        announce(owner + "/" + repo, base, branch, head, pull, proposal, caller);
        return new Result(base, baseCommit, branch, proposal, Optional.of(pull), true);
    }

    private WorkflowFixer fixer(Request request, List<InputFile> files, String baseCommit) {
        Map<String, String> read = files.stream().collect(Collectors.toMap(InputFile::path,
                f -> new String(f.content(), StandardCharsets.UTF_8), (a, b) -> a));
        Function<String, Optional<String>> other = path -> Optional.ofNullable(read.get(path)).or(() ->
                reader.file(request.owner(), request.repo(), path, baseCommit).map(bytes -> new String(bytes, StandardCharsets.UTF_8)));
        return new WorkflowFixer(FixOptions.defaults().withRules(request.rules()).withTimeoutMinutes(config.fix().timeoutMinutes())
                .withTags(tags).withRepositoryFiles(other::apply));
    }

    /** Points {@code branch} at {@code commit}; when a concurrent request created it first, that one's branch is used. */
    private String createBranch(String owner, String repo, String branch, String commit) {
        try {
            writer.createBranch(owner, repo, branch, commit);
            return commit;
        } catch (GitHubApiException e) {
            if (e.status() == UNPROCESSABLE) {
                return writer.branchHead(owner, repo, branch).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** {@code fix.proposed} and the operator action, both on Kafka before the caller hears of the pull request. */
    private void announce(String repository, String base, String branch, String head, PullRequest pull, FixProposal proposal, Caller caller) {
        FixProposed event = new FixProposed(repository, base, branch, pull.number(), pull.htmlUrl(), head,
                List.copyOf(proposal.changedFiles().keySet()), proposal.fixesByRule(), proposal.unfixable().size(), caller.principal(),
                clock.instant());
        CompletableFuture<Void> published = publisher.send(proposals, EventType.FIX_PROPOSED, repository, event).toCompletableFuture();
        CompletableFuture<Void> recorded = actions.record(caller.action(UUID.randomUUID().toString(), Service.WORKFLOW_AUDITOR, "fix.propose",
                repository + " " + pull.htmlUrl(), "ok", clock.instant())).toCompletableFuture();
        try {
            CompletableFuture.allOf(published, recorded).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unannounced(pull);
        } catch (ExecutionException | TimeoutException e) {
            throw unannounced(pull);
        }
    }

    private static ProblemException unannounced(PullRequest pull) {
        return new ProblemException(503, "not-published", "Pull request opened, event not published",
                "pull request " + pull.htmlUrl() + " is open but Kafka did not take fix.proposed in time; it is not sent again", null);
    }
}
