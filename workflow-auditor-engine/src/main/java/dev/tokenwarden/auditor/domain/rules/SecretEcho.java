package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** A {@code run:} line that prints a secret to the log, directly or through an environment variable. */
public final class SecretEcho implements Rule {

    private static final RuleInfo INFO = new RuleInfo("secret-echo",
            "Secret printed in a run step",
            Severity.HIGH, Confidence.MEDIUM,
            "GitHub masks a secret's exact value in logs, but not a transformed one (base64, a substring, "
                    + "JSON-escaped, split across lines), and logs are readable by everyone with read access to "
                    + "the repository. Printing a secret, directly with `${{ secrets.X }}` or through an "
                    + "environment variable that holds one, is how most of them leak.",
            "Never print secrets. Pass them to the tool that needs them through an environment variable or "
                    + "standard input (`echo \"$TOKEN\" | tool login --password-stdin` is not reported).",
            """
            - env:
                TOKEN: ${{ secrets.DEPLOY_TOKEN }}
              run: echo "token is $TOKEN"
            """,
            """
            - env:
                TOKEN: ${{ secrets.DEPLOY_TOKEN }}
              run: echo "$TOKEN" | deploy-cli login --token-stdin
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        ScopedValues.runLinesCarrying(workflow, Expressions::isSecret)
                .filter(carrying -> ShellScript.printsToLog(carrying.line().text()))
                .forEach(carrying -> context.report(carrying.position(),
                        carrying.direct() ? "a secret is printed to the log"
                                : "an environment variable holding a secret is printed to the log",
                        INFO.severity(), carrying.direct() ? Confidence.HIGH : Confidence.MEDIUM));
    }
}
