package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * A dangerous trigger ({@code pull_request_target}, {@code workflow_run}, {@code issue_comment}: they run with
 * the base repository's secrets and a write token) checking out the pull request's code, then running
 * something from the workspace.
 */
public final class UntrustedCheckout implements Rule {

    /** References to the pull request's head: its branch, commit, repository or merge ref. */
    private static final List<ContextPath> HEAD = List.of("github.event.pull_request.head.sha",
            "github.event.pull_request.head.ref", "github.event.pull_request.head.repo.full_name",
            "github.event.pull_request.number", "github.event.number", "github.head_ref",
            "github.event.workflow_run.head_sha", "github.event.workflow_run.head_branch",
            "github.event.workflow_run.head_repository.full_name").stream().map(ContextPath::of).toList();

    private static final RuleInfo INFO = new RuleInfo("untrusted-checkout",
            "Privileged trigger checks out and runs pull request code",
            Severity.CRITICAL, Confidence.HIGH,
            "`pull_request_target`, `workflow_run` and `issue_comment` run in the base repository's context: with its secrets "
                    + "and a token that can write. Checking out the pull request's head (by `ref:` or "
                    + "`repository:`, or `git checkout`/`gh pr checkout` in a script) and then running a build, a "
                    + "test, a local action or any script from the workspace executes the contributor's code "
                    + "with those privileges (a \"pwn request\"). A checkout that nothing runs afterwards is "
                    + "reported as medium.",
            "Use `pull_request` for building untrusted code. If the privileged job is needed, never check "
                    + "out the head in it: build in a `pull_request` workflow and pass results as artifacts, "
                    + "treating them as untrusted data.",
            """
            on: pull_request_target
            jobs:
              test:
                steps:
                  - uses: actions/checkout@<sha>
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: npm ci && npm test
            """,
            """
            on: pull_request
            jobs:
              test:
                steps:
                  - uses: actions/checkout@<sha>
                  - run: npm ci && npm test
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        Optional<String> trigger = TaintModel.bundled().dangerous(workflow).stream().map(Workflow.Trigger::name).findFirst();
        if (trigger.isEmpty()) {
            return;
        }
        for (Job job : workflow.jobs()) {
            List<Step> steps = job.steps();
            for (int i = 0; i < steps.size(); i++) {
                Optional<YamlScalar> checkout = headCheckout(steps.get(i));
                if (checkout.isPresent()) {
                    boolean runsCode = steps.subList(i + 1, steps.size()).stream().anyMatch(UntrustedCheckout::runsCode);
                    context.report(checkout.get(), "`" + trigger.get() + "` job '" + job.id() + "' checks out the pull request's code"
                                    + (runsCode ? " and then runs it with the base repository's secrets" : ""),
                            runsCode ? Severity.CRITICAL : Severity.MEDIUM, Confidence.HIGH);
                    break;
                }
            }
        }
    }

    /** The checkout of the pull request's head this step makes, by `actions/checkout` or in a script. */
    static Optional<YamlScalar> headCheckout(Step step) {
        if (step.usesRef().map(u -> u.is("actions/checkout")).orElse(false)) {
            return step.with().flatMap(with -> with.scalar("ref").filter(r -> refersToHead(r.value()))
                    .or(() -> with.scalar("repository").filter(r -> refersToHead(r.value()))));
        }
        return step.run().filter(run -> run.value().lines().anyMatch(line ->
                (line.contains("git checkout") || line.contains("git fetch") || line.contains("git switch"))
                        && refersToHead(line) || line.contains("gh pr checkout")));
    }

    private static boolean refersToHead(String text) {
        return Template.findAll(text).stream().flatMap(t -> t.expr().stream())
                .flatMap(e -> Expressions.references(e).stream())
                .anyMatch(path -> HEAD.stream().anyMatch(path::within));
    }

    private static boolean runsCode(Step step) {
        return step.run().isPresent() || step.usesRef().map(u -> u.kind() == UsesRef.Kind.LOCAL).orElse(false);
    }
}
