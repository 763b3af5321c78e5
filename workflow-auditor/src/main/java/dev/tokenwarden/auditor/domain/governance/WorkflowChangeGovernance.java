package dev.tokenwarden.auditor.domain.governance;

import dev.tokenwarden.auditor.domain.webhook.ChangedWorkflows;
import dev.tokenwarden.platform.github.MergedPullRequest;
import dev.tokenwarden.platform.github.PullRequestReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the workflow changes a push brought to a default or protected branch came the governed way: each commit
 * touching a workflow or an action's metadata must have come through a pull request merged into that branch with an
 * approving review by someone other than its author, and, where the repository's policy requires it, carry a signature
 * GitHub verified. Returns one violation per commit that did not.
 */
public final class WorkflowChangeGovernance {
    /** What GitHub knows of a commit's history. */
    public interface History {
        List<MergedPullRequest> pullRequests(String owner, String repo, String sha);

        List<PullRequestReview> reviews(String owner, String repo, long number);

        boolean verified(String owner, String repo, String sha);
    }

    /** A repository's policy: whether pushes are checked at all, signatures required, and branches protected besides the default one. */
    public record Policy(boolean enabled, boolean requireSignedCommits, Set<String> protectedBranches) {
        public Policy {
            protectedBranches = Set.copyOf(protectedBranches);
        }
    }

    /** One commit of a push: its id, author (login, else name) and every path it added, modified or removed. */
    public record PushedCommit(String sha, String author, List<String> paths) {
    }

    public record Violation(String sha, String author, List<String> files, List<String> reasons) {
    }

    private final History history;

    public WorkflowChangeGovernance(History history) {
        this.history = history;
    }

    public List<Violation> check(String owner, String repo, String branch, boolean defaultBranch, List<PushedCommit> commits, Policy policy) {
        if (!policy.enabled() || !defaultBranch && !policy.protectedBranches().contains(branch)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (PushedCommit commit : commits) {
            List<String> files = ChangedWorkflows.select(commit.paths());
            if (files.isEmpty()) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (!reviewedInto(owner, repo, branch, commit.sha())) {
                reasons.add("not merged into " + branch + " through a pull request with an approving review by someone other than its author");
            }
            if (policy.requireSignedCommits() && !history.verified(owner, repo, commit.sha())) {
                reasons.add("its signature is missing or not verified, and " + owner + "/" + repo + " requires signed commits");
            }
            if (!reasons.isEmpty()) {
                violations.add(new Violation(commit.sha(), commit.author(), files, reasons));
            }
        }
        return violations;
    }

    private boolean reviewedInto(String owner, String repo, String branch, String sha) {
        for (MergedPullRequest pull : history.pullRequests(owner, repo, sha)) {
            if (pull.merged() && branch.equals(pull.baseRef())
                    && history.reviews(owner, repo, pull.number()).stream().anyMatch(r -> r.approved() && !r.reviewer().equals(pull.author()))) {
                return true;
            }
        }
        return false;
    }
}
