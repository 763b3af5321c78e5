package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** {@code set -x} (or {@code bash -x}) in a step that has secrets in scope. */
public final class SecretXtrace implements Rule {

    private static final RuleInfo INFO = new RuleInfo("secret-xtrace",
            "Shell tracing with secrets in scope",
            Severity.MEDIUM, Confidence.MEDIUM,
            "`set -x` prints every command after expansion, so a secret passed on a command line or "
                    + "assigned to a variable is written to the log, often in a form the masker does not "
                    + "recognise (quoted, concatenated, URL-encoded).",
            "Remove `set -x` from steps that see secrets, or turn tracing off (`set +x`) around the commands "
                    + "that use them.",
            """
            - env:
                TOKEN: ${{ secrets.API_TOKEN }}
              run: |
                set -euxo pipefail
                curl -H "Authorization: Bearer $TOKEN" https://api.example.com
            """,
            """
            - env:
                TOKEN: ${{ secrets.API_TOKEN }}
              run: |
                set -euo pipefail
                curl -H "Authorization: Bearer $TOKEN" https://api.example.com
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.steps().forEach(s -> s.step().run().ifPresent(run -> {
            if (!ShellScript.enablesXtrace(run.value(), s.step().shell())) {
                return;
            }
            boolean secretsInScope = ScopedValues.carries(run.value(), Expressions::isSecret)
                    || !ScopedValues.variablesCarrying(workflow.envInScope(s.job(), s.step()), Expressions::isSecret).isEmpty();
            if (secretsInScope) {
                context.report(run, "step '" + s.step().label() + "' traces commands (`set -x`) while secrets are in scope");
            }
        }));
    }
}
