package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** Untrusted input appended to GITHUB_ENV or GITHUB_PATH, directly or through an environment variable. */
public final class UntrustedEnvWrite implements Rule {

    private static final RuleInfo INFO = new RuleInfo("untrusted-env-write",
            "Untrusted input written to GITHUB_ENV or GITHUB_PATH",
            Severity.HIGH, Confidence.MEDIUM,
            "Lines appended to `GITHUB_ENV` set variables for every later step. A value containing a newline "
                    + "can set `LD_PRELOAD`, `NODE_OPTIONS` or `BASH_ENV` and run code in those steps; a value "
                    + "written to `GITHUB_PATH` decides which binaries they run. Passing the value through an "
                    + "`env:` variable does not help here: the write itself is the injection.",
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
        ScopedValues.runLinesCarrying(workflow, path -> UntrustedContexts.classify(path).isPresent()).forEach(carrying ->
                ShellScript.commandFileTarget(carrying.line().text())
                        .filter(target -> target.equals("GITHUB_ENV") || target.equals("GITHUB_PATH"))
                        .ifPresent(target -> context.report(carrying.position(),
                                "untrusted input is written to " + target, INFO.severity(),
                                carrying.direct() ? Confidence.HIGH : Confidence.MEDIUM)));
    }
}
