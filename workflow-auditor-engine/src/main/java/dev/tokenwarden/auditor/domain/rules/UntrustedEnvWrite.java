package dev.tokenwarden.auditor.domain.rules;

import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.rules.TaintFlow.Scope;
import dev.tokenwarden.auditor.domain.rules.TaintModel.Taint;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;

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
                    + "of its own choosing, which later steps and jobs read as trusted. Under those triggers a "
                    + "value computed at run time (command output, a file, the event payload) is reported too, at "
                    + "low confidence (medium for the event payload): the auditor cannot see whether the pull "
                    + "request chose it. Severity follows the "
                    + "event, confidence how directly the value arrives (see [the taint model](taint-model.md)).",
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
        TaintFlow flow = TaintFlow.of(workflow, context.repository());
        Optional<Workflow.Trigger> dangerous = TaintModel.bundled().dangerous(workflow).stream().findFirst();
        workflow.steps().forEach(s -> s.step().run().ifPresent(run -> {
            Scope scope = Scope.of(s);
            for (ShellScript.Line line : ShellScript.lines(run.value())) {
                Optional<String> target = ShellScript.commandFileTarget(line.text())
                        .filter(t -> t.equals("GITHUB_ENV") || t.equals("GITHUB_PATH") || t.equals("GITHUB_OUTPUT") && dangerous.isPresent());
                if (target.isEmpty()) {
                    continue;
                }
                Optional<Taint> taint = flow.lineTaint(line.text(), scope);
                if (taint.isPresent()) {
                    boolean output = target.get().equals("GITHUB_OUTPUT");
                    Severity severity = output && taint.get().severity().atLeast(Severity.HIGH) ? Severity.MEDIUM : taint.get().severity();
                    context.report(workflow.source().positionOf(run, line.offset()), "`" + taint.get().source() + "` ("
                                    + origin(taint.get()) + ") is written to " + target.get(), severity, taint.get().confidence());
                } else if (dangerous.isPresent() && !target.get().equals("GITHUB_OUTPUT") && computedAtRunTime(line.text(), workflow.envInScope(s.job(), s.step()))) {
                    boolean eventPayload = line.text().contains("GITHUB_EVENT_PATH");
                    context.report(workflow.source().positionOf(run, line.offset()), "under `" + dangerous.get().name()
                                    + "` a value " + (eventPayload ? "read from the event payload" : "computed at run time")
                                    + " is written to " + target.get() + "; if the pull request or its run chose it, it "
                                    + "controls later steps", INFO.severity(), eventPayload ? Confidence.MEDIUM : Confidence.LOW);
                }
            }
        }));
    }

    /**
     * True when the line writes something the auditor cannot read: command output, a file's content, or a
     * shell variable that is neither the runner's ({@code GITHUB_*}, {@code RUNNER_*}) nor from {@code env:}.
     */
    private static boolean computedAtRunTime(String line, Map<String, YamlNode> env) {
        if (line.contains("$(") || line.contains("`") || line.strip().matches("^(cat|jq|curl|tee|sed|awk)\\b.*")) {
            return true;
        }
        return ShellScript.variables(line).stream()
                .anyMatch(v -> !v.startsWith("GITHUB_") && !v.startsWith("RUNNER_") && !env.containsKey(v));
    }

    private static String origin(Taint taint) {
        if (!taint.traced()) {
            return "not traceable";
        }
        return taint.filled() ? "chosen by outsiders" : "chosen by outsiders under other events than this workflow's";
    }
}
