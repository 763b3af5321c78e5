package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** {@code secrets: inherit} on a reusable-workflow call. */
public final class SecretsInherit implements Rule {

    private static final RuleInfo INFO = new RuleInfo("secrets-inherit",
            "Reusable workflow called with secrets: inherit",
            Severity.MEDIUM, Confidence.HIGH,
            "`secrets: inherit` passes every secret of the caller to the called workflow, whatever it "
                    + "declares it needs; a change in the called workflow (or its repository) can then use "
                    + "any of them.",
            "Pass the secrets the called workflow declares, one by one, under `secrets:`.",
            """
            jobs:
              release:
                uses: my-org/workflows/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567
                secrets: inherit
            """,
            """
            jobs:
              release:
                uses: my-org/workflows/.github/workflows/release.yml@0123456789abcdef0123456789abcdef01234567
                secrets:
                  registry-token: ${{ secrets.REGISTRY_TOKEN }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (Job job : workflow.jobs()) {
            if (job.secrets().orElse(null) instanceof YamlScalar s && s.value().equals("inherit")) {
                context.report(s, "job '" + job.id() + "' passes every secret to `"
                        + job.uses().map(YamlScalar::value).orElse("the called workflow") + "`");
            }
        }
    }
}
