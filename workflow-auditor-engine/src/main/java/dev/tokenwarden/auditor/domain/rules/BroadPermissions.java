package dev.tokenwarden.auditor.domain.rules;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** {@code permissions: write-all} or {@code read-all}: every scope at once instead of the ones needed. */
public final class BroadPermissions implements Rule {

    private static final RuleInfo INFO = new RuleInfo("broad-permissions",
            "permissions: write-all or read-all",
            Severity.HIGH, Confidence.HIGH,
            "`write-all` gives the GITHUB_TOKEN write access to every scope (contents, packages, actions, "
                    + "deployments, ...); `read-all` reads every scope, including security events and "
                    + "private packages. Either grants far more than a job uses. `write-all` is high severity, "
                    + "`read-all` low.",
            "List the scopes the job needs, for example `permissions: { contents: read, packages: write }`.",
            """
            permissions: write-all
            """,
            """
            permissions:
              contents: read
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        check(workflow.permissions(), "the workflow", context);
        for (Job job : workflow.jobs()) {
            check(job.permissions(), "job '" + job.id() + "'", context);
        }
    }

    private static void check(Optional<YamlNode> permissions, String where, RuleContext context) {
        if (permissions.orElse(null) instanceof YamlScalar scalar) {
            switch (scalar.value()) {
                case "write-all" -> context.report(scalar, where + " grants every permission with `write-all`",
                        Severity.HIGH, Confidence.HIGH);
                case "read-all" -> context.report(scalar, where + " reads every scope with `read-all`",
                        Severity.LOW, Confidence.HIGH);
                default -> {
                }
            }
        }
    }
}
