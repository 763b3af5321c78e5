package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.finding.Confidence;

/**
 * Context values that whoever opens an issue, a pull request, a comment or pushes a branch chooses freely:
 * titles, bodies, branch names, commit messages and author fields.
 */
final class UntrustedContexts {

    private static final List<ContextPath> ATTACKER_CONTROLLED = List.of(
            "github.event.issue.title", "github.event.issue.body",
            "github.event.pull_request.title", "github.event.pull_request.body",
            "github.event.pull_request.head.ref", "github.event.pull_request.head.label",
            "github.event.pull_request.head.repo.default_branch",
            "github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
            "github.event.discussion.title", "github.event.discussion.body",
            "github.event.pages.*.page_name",
            "github.event.commits.*.message", "github.event.commits.*.author.email", "github.event.commits.*.author.name",
            "github.event.head_commit.message", "github.event.head_commit.author.email",
            "github.event.head_commit.author.name",
            "github.event.workflow_run.head_branch", "github.event.workflow_run.head_commit.message",
            "github.event.workflow_run.head_commit.author.email", "github.event.workflow_run.head_commit.author.name",
            "github.event.workflow_run.pull_requests.*.head.ref",
            "github.head_ref").stream().map(ContextPath::of).toList();

    private UntrustedContexts() {
    }

    /**
     * High confidence when the path is an attacker-controlled field, medium when it is an object that
     * contains one (for example {@code toJSON(github.event.issue)}); empty when it is neither.
     */
    static Optional<Confidence> classify(ContextPath path) {
        if (ATTACKER_CONTROLLED.stream().anyMatch(path::within)) {
            return Optional.of(Confidence.HIGH);
        }
        if (path.segments().size() >= 2 && ATTACKER_CONTROLLED.stream().anyMatch(path::contains)) {
            return Optional.of(Confidence.MEDIUM);
        }
        return Optional.empty();
    }
}
