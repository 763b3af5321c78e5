package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.rules.TaintFlow.Scope;
import dev.tokenwarden.auditor.domain.rules.TaintModel.Taint;

/**
 * Untrusted input appended to GITHUB_ENV or GITHUB_PATH, directly or through an environment variable, a step
 * output or anything else the {@link TaintFlow} follows; and to GITHUB_OUTPUT in workflows with a dangerous
 * trigger, where a newline in the value sets outputs that later jobs trust.
 */
public final class UntrustedEnvWrite implements Rule {

    private static final RuleInfo INFO = new RuleInfo("untrusted-env-write",
            "Untrusted input written to GITHUB_ENV, GITHUB_PATH or GITHUB_OUTPUT",
            Severity.HIGH, Confidence.MEDIUM,
            "Lines appended to `GITHUB_ENV` set variables for every later step. A value containing a newline "
                    + "can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV` and run code in those steps; a value "
                    + "written to `GITHUB_PATH` decides which binaries they run. Passing the value through an "
                    + "`env:` variable does not help here: the write itself is the injection. In a workflow with a "
                    + "dangerous trigger (`pull_request_target`, `workflow_run`, `issue_comment`) a write to "
                    + "`GITHUB_OUTPUT` is reported too, at medium severity: a newline in the value adds outputs "
                    + "of its own choosing, which later steps and jobs read as trusted. Severity follows the "
                    + "event, confidence how directly the value arrives (see [the taint model](rules/taint-model.md)).",
            "Do not export untrusted values; if a later step needs one, give it that step's `env:` from the "
                    + "event directly, or validate it against a strict pattern first.",
            """
            - env:
                BRANCH: ${{ github.head_ref }}
              run: echo "BRANCH=$BRANCH" >> "$GITHUB_ENV"
            """,
            """
            - run: ./build.sh
              env:
                BRANCH: ${{ github.head_ref }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        TaintFlow flow = TaintFlow.of(workflow);
        boolean dangerousTrigger = !TaintModel.bundled().dangerous(workflow).isEmpty();
        workflow.steps().forEach(s -> s.step().run().ifPresent(run -> {
            for (ShellScript.Line line : ShellScript.lines(run.value())) {
                Optional<String> target = ShellScript.commandFileTarget(line.text())
                        .filter(t -> t.equals("GITHUB_ENV") || t.equals("GITHUB_PATH") || t.equals("GITHUB_OUTPUT") && dangerousTrigger);
                Optional<Taint> taint = target.flatMap(t -> flow.lineTaint(line.text(), Scope.of(s)));
                if (taint.isPresent()) {
                    boolean output = target.get().equals("GITHUB_OUTPUT");
                    Severity severity = output && taint.get().severity().atLeast(Severity.HIGH) ? Severity.MEDIUM : taint.get().severity();
                    context.report(workflow.source().positionOf(run, line.offset()), "`" + taint.get().source() + "` ("
                                    + origin(taint.get()) + ") is written to " + target.get(), severity, taint.get().confidence());
                }
            }
        }));
    }

    private static String origin(Taint taint) {
        if (!taint.traced()) {
            return "not traceable";
        }
        return taint.filled() ? "chosen by outsiders" : "chosen by outsiders under other events than this workflow's";
    }
}
