package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.rules.TaintFlow.Scope;

/**
 * An event that runs with the base repository's token and secrets but is started by outsiders
 * ({@code pull_request_target}, {@code workflow_run}, {@code issue_comment}: the {@link TaintModel}'s
 * {@code dangerous} triggers). Reported at the trigger; what the jobs do with the outsider's code or text
 * decides the confidence, and a gate on the author's association, a same-repository check or a label lowers it.
 */
public final class DangerousTriggers implements Rule {

    /** Conditions that keep outsiders out: the author's association, a same-repository check, a label. */
    private static final List<ContextPath> GATES = List.of("github.event.comment.author_association",
            "github.event.issue.author_association", "github.event.pull_request.author_association",
            "github.event.review.author_association", "github.event.pull_request.head.repo.full_name",
            "github.event.pull_request.head.repo.fork", "github.event.workflow_run.head_repository.full_name",
            "github.event.workflow_run.head_repository.fork", "github.event.label.name",
            "github.event.pull_request.labels").stream().map(ContextPath::of).toList();
    private static final Set<String> ARTIFACT_DOWNLOADERS = Set.of("dawidd6/action-download-artifact");

    private static final RuleInfo INFO = new RuleInfo("dangerous-triggers",
            "Trigger that gives outsiders' runs the base repository's secrets",
            Severity.HIGH, Confidence.MEDIUM,
            "`pull_request_target`, `workflow_run` and `issue_comment` run the workflow from the default branch "
                    + "with the repository's secrets and a token that can write, but anyone who can open a pull "
                    + "request or write a comment starts them. Whatever the jobs take from the event (the pull "
                    + "request's code, its artifacts, its title) is the outsider's. Confidence says how close the "
                    + "workflow comes to that: high when an ungated job checks out the head or expands the "
                    + "outsider's text into a script, medium when it downloads the triggering run's artifacts or "
                    + "calls a reusable workflow the auditor cannot see, low when it does neither. A job `if:` on "
                    + "the author's association, a same-repository check or a label lowers it by one step: such "
                    + "gates narrow who can start the job, but a label stays on while new commits arrive.",
            "Use `pull_request` (no secrets, read-only token for forks) wherever possible. Where the privileged "
                    + "event is needed, never check out or run the pull request's code in it, pass event text "
                    + "through `env:`, treat artifacts from the triggering run as data, and gate the job on "
                    + "`github.event.pull_request.head.repo.full_name == github.repository` or on the author's "
                    + "association.",
            """
            on: issue_comment
            jobs:
              bench:
                if: startsWith(github.event.comment.body, '/bench')
                steps:
                  - run: gh pr checkout "$PR" && ./bench/run.sh
            """,
            """
            on:
              pull_request:
                types: [labeled]
            jobs:
              bench:
                if: github.event.label.name == 'bench'
                steps:
                  - uses: actions/checkout@<sha>
                  - run: ./bench/run.sh
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        List<Workflow.Trigger> dangerous = TaintModel.bundled().dangerous(workflow);
        if (dangerous.isEmpty()) {
            return;
        }
        Exposure worst = NOTHING;
        for (Job job : workflow.jobs()) {
            Exposure exposure = exposure(workflow, job, context);
            if (gated(job)) {
                exposure = new Exposure(TaintModel.lower(exposure.confidence()), exposure.reason() + " behind a gate in its `if:`");
            }
            if (exposure.confidence().compareTo(worst.confidence()) > 0) {
                worst = exposure;
            }
        }
        for (Workflow.Trigger trigger : dangerous) {
            Severity severity = TaintModel.bundled().trigger(trigger.name()).map(TaintModel.Trigger::severity).orElse(INFO.severity());
            context.report(trigger.event(), "`" + trigger.name() + "` runs outsiders' events with this repository's "
                    + "secrets and write token; " + worst.reason(), severity, worst.confidence());
        }
    }

    /** How close a job comes to the outsider's code or text, and in which words. */
    private record Exposure(Confidence confidence, String reason) {
    }

    private static final Exposure NOTHING = new Exposure(Confidence.LOW, "no job checks out the pull request's code, "
            + "downloads the triggering run's artifacts or expands outsiders' text");

    private static Exposure exposure(Workflow workflow, Job job, RuleContext context) {
        String name = "job '" + job.id() + "'";
        Optional<UsesRef> calls = job.uses().flatMap(u -> UsesRef.parse(u.value()));
        if (calls.isPresent()) {
            Optional<Workflow> callee = context.repository().resolve(calls.get());
            if (callee.isEmpty()) {
                return new Exposure(Confidence.MEDIUM, name + " calls " + calls.get().raw() + ", which the auditor cannot see");
            }
            return callee.get().jobs().stream().map(j -> exposure(callee.get(), j, context))
                    .max((a, b) -> a.confidence().compareTo(b.confidence()))
                    .map(e -> new Exposure(e.confidence(), name + " calls " + calls.get().raw() + ", where " + e.reason()))
                    .orElse(new Exposure(Confidence.LOW, name + " calls an empty workflow"));
        }
        if (job.steps().stream().anyMatch(s -> UntrustedCheckout.headCheckout(s).isPresent())) {
            return new Exposure(Confidence.HIGH, name + " checks out the pull request's code");
        }
        TaintFlow flow = TaintFlow.of(workflow, context.repository());
        boolean expands = job.steps().stream().anyMatch(s -> TaintModel.bundled().sinks(s).stream().anyMatch(sink ->
                flow.hits(sink.code().value(), new Scope(Optional.of(job), Optional.of(s))).stream()
                        .anyMatch(h -> h.taint().traced() && h.taint().filled())));
        if (expands) {
            return new Exposure(Confidence.HIGH, name + " expands outsiders' text into a script");
        }
        if (job.steps().stream().anyMatch(DangerousTriggers::downloadsOtherRunsArtifacts)) {
            return new Exposure(Confidence.MEDIUM, name + " downloads the triggering run's artifacts");
        }
        return NOTHING;
    }

    private static boolean downloadsOtherRunsArtifacts(Step step) {
        Optional<UsesRef> uses = step.usesRef();
        if (uses.isPresent()) {
            return ARTIFACT_DOWNLOADERS.contains(uses.get().repository())
                    || uses.get().is("actions/download-artifact") && step.with().map(w -> w.has("run-id")).orElse(false)
                    || uses.get().is("actions/github-script") && step.with().flatMap(w -> w.text("script"))
                    .map(s -> s.contains("downloadArtifact")).orElse(false);
        }
        return step.run().map(run -> run.value().contains("gh run download")).orElse(false);
    }

    /** True when the job's condition reads the author's association, the head repository or a label. */
    private static boolean gated(Job job) {
        return job.ifCondition().flatMap(Conditions::expression)
                .map(expr -> Expressions.references(expr).stream().anyMatch(path -> GATES.stream().anyMatch(path::within)))
                .orElse(false);
    }
}
