package dev.tokenwarden.auditor.api;

import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;
import dev.tokenwarden.auditor.domain.proposal.FixProposal;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.auditor.infra.FixerGitHub;
import dev.tokenwarden.auditor.messaging.FixPullRequests;
import dev.tokenwarden.platform.api.ProblemException;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.github.PullRequest;
import dev.tokenwarden.platform.security.CurrentPrincipal;
import dev.tokenwarden.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Fixes a repository's workflows and delivers them as a pull request ({@link FixPullRequests}), or shows them as a diff. */
@Path("/repositories/{owner}/{repo}/fixes")
@Tag(name = "fixes")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class FixesResource {
    /** GitHub's rule for an account login: letters, digits and single inner hyphens, at most 39 characters. */
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** A branch name git accepts, kept to a plain subset: no {@code ..}, no leading or trailing slash or dot. */
    private static final Pattern BRANCH = Pattern.compile("(?!.*\\.\\.)(?!/)(?!.*/$)(?!.*\\.$)[A-Za-z0-9._/-]{1,255}");

    private final FixPullRequests fixes;
    private final AuditorGitHub reader;
    private final FixerGitHub writer;
    private final CurrentPrincipal principal;

    public FixesResource(FixPullRequests fixes, AuditorGitHub reader, FixerGitHub writer, CurrentPrincipal principal) {
        this.fixes = fixes;
        this.reader = reader;
        this.writer = writer;
        this.principal = principal;
    }

    /** {@code rules}: rule ids to fix (absent or empty: every fixable rule); {@code base}: absent for the default branch. */
    public record FixRequest(List<String> rules, Boolean dryRun, String base) {
    }

    public record PullRequestView(long number, String url, String branch, String headCommit) {
    }

    /** {@code pullRequest} is absent for a dry run and when there is nothing to fix; {@code diff} is every change. */
    public record FixView(String repository, String baseBranch, String baseCommit, boolean dryRun, boolean created, String branch,
                          PullRequestView pullRequest, List<FixProposal.Fixed> fixes, List<FixProposal.Unfixed> unfixable, String diff) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Fix the repository's workflows: with dryRun the fixes and their unified diff, else one commit on a new "
            + "branch tokenwarden/fix-<id> and a pull request listing every fix and every finding left with why")
    @APIResponse(responseCode = "201", description = "pull request opened; Location is its web address")
    @APIResponse(responseCode = "200", description = "a dry run, nothing to fix, or the open pull request of an earlier identical request")
    @APIResponse(responseCode = "400", description = "malformed owner, repository, base or rules (problem+json)")
    @APIResponse(responseCode = "404", description = "the repository does not exist or the auditor cannot read it (problem+json)")
    @APIResponse(responseCode = "502", description = "GitHub refused a write, with GitHub's reason (problem+json)")
    @APIResponse(responseCode = "503", description = "GitHub unreachable, a credential missing, or fix.proposed not published in time (problem+json)")
    public Response fix(@PathParam("owner") String owner, @PathParam("repo") String repo, FixRequest body) {
        FixRequest request = body == null ? new FixRequest(null, null, null) : body;
        if (!OWNER.matcher(owner).matches()) {
            throw ProblemException.invalidField("owner", "an owner login is letters, digits and inner hyphens, at most 39 characters");
        }
        if (!REPOSITORY.matcher(repo).matches() || repo.equals(".") || repo.equals("..")) {
            throw ProblemException.invalidField("repo", "a repository name is at most 100 letters, digits, '.', '_' or '-'");
        }
        if (request.base() != null && !BRANCH.matcher(request.base()).matches()) {
            throw ProblemException.invalidField("base", "base must be a branch name (letters, digits, '.', '_', '-', '/')");
        }
        Set<String> rules = rules(request.rules());
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        if (!reader.configured() || !dryRun && !writer.configured()) {
            throw new ProblemException(503, "github-unavailable", "GitHub credential missing", "the auditor's "
                    + (reader.configured() ? "fixer credential (tokenwarden.auditor.fix.github-token)" : "GitHub credential (tokenwarden.auditor.github-token)")
                    + " is not configured", null);
        }
        FixPullRequests.Result result;
        try {
            result = fixes.propose(new FixPullRequests.Request(owner, repo, rules, Optional.ofNullable(request.base()), dryRun),
                    principal.caller());
        } catch (GitHubApiException e) {
            throw new ProblemException(502, "github-refused", "GitHub refused the fix", e.getMessage(), null);
        } catch (GitHubException | IllegalStateException e) {
            throw new ProblemException(503, "github-unavailable", "GitHub unavailable", e.getMessage(), null);
        }
        FixView view = view(owner + "/" + repo, dryRun, result);
        if (result.created()) {
            return Response.created(URI.create(view.pullRequest().url())).entity(view).build();
        }
        return Response.ok(view).build();
    }

    private static Set<String> rules(List<String> requested) {
        if (requested == null) {
            return Set.of();
        }
        Set<String> fixable = WorkflowFixer.fixableRules();
        Set<String> rules = new LinkedHashSet<>();
        for (String rule : requested) {
            if (rule == null || !fixable.contains(rule)) {
                throw ProblemException.invalidField("rules", "rules must be among the fixable rules " + fixable);
            }
            rules.add(rule);
        }
        return rules;
    }

    private static FixView view(String repository, boolean dryRun, FixPullRequests.Result result) {
        FixProposal proposal = result.proposal();
        PullRequestView pull = result.pullRequest()
                .map((PullRequest p) -> new PullRequestView(p.number(), p.htmlUrl(), p.headRef(), p.headSha())).orElse(null);
        return new FixView(repository, result.baseBranch(), result.baseCommit(), dryRun, result.created(),
                proposal.empty() ? null : result.branch(), pull, proposal.fixes(), proposal.unfixable(), proposal.diff());
    }
}
