package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** A secret appended to GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY or GITHUB_PATH. */
public final class SecretToCommandFile implements Rule {

    private static final RuleInfo INFO = new RuleInfo("secret-to-command-file",
            "Secret written to GITHUB_ENV, GITHUB_OUTPUT or the step summary",
            Severity.HIGH, Confidence.HIGH,
            "A secret written to `GITHUB_ENV` is visible to every later step and every action they run; to "
                    + "`GITHUB_OUTPUT` it becomes a job output that other jobs and reusable workflows read and "
                    + "that is not masked once transformed; to `GITHUB_STEP_SUMMARY` it is published on the run's "
                    + "summary page.",
            "Give the secret only to the step that needs it, with `env:` on that step; pass non-secret "
                    + "results between jobs, never credentials.",
            """
            - run: echo "NPM_TOKEN=${{ secrets.NPM_TOKEN }}" >> "$GITHUB_ENV"
            """,
            """
            - run: npm publish
              env:
                NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        ScopedValues.runLinesCarrying(workflow, Expressions::isSecret).forEach(carrying ->
                ShellScript.commandFileTarget(carrying.line().text()).ifPresent(target ->
                        context.report(carrying.position(), "a secret is written to " + target)));
    }
}
