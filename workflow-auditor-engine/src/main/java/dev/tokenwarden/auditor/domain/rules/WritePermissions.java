package dev.tokenwarden.auditor.domain.rules;

import java.util.Map;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;

/**
 * Write scopes, ranked by what an attacker holding the token could do with each. At workflow level they
 * reach every job and are reported at the scope's rank; at job level they are the recommended place and
 * are reported as information, so reviewers see what each job may change.
 */
public final class WritePermissions implements Rule {

    /** Risk of a write grant per GITHUB_TOKEN scope; unknown scopes rank medium. */
    static final Map<String, Severity> RISK = Map.ofEntries(
            Map.entry("contents", Severity.HIGH),
            Map.entry("actions", Severity.HIGH),
            Map.entry("packages", Severity.HIGH),
            Map.entry("id-token", Severity.HIGH),
            Map.entry("deployments", Severity.HIGH),
            Map.entry("security-events", Severity.MEDIUM),
            Map.entry("pull-requests", Severity.MEDIUM),
            Map.entry("pages", Severity.MEDIUM),
            Map.entry("attestations", Severity.MEDIUM),
            Map.entry("issues", Severity.LOW),
            Map.entry("statuses", Severity.LOW),
            Map.entry("checks", Severity.LOW),
            Map.entry("discussions", Severity.LOW),
            Map.entry("repository-projects", Severity.LOW),
            Map.entry("models", Severity.LOW));

    private static final RuleInfo INFO = new RuleInfo("write-permissions",
            "Write scopes granted to the whole workflow",
            Severity.HIGH, Confidence.HIGH,
            "A write scope at workflow level is granted to every job, including jobs that only build or "
                    + "test untrusted code. Ranked by risk: contents, actions, packages, id-token and "
                    + "deployments are high; security-events, pull-requests, pages and attestations medium; "
                    + "issues, statuses, checks, discussions and projects low. The same scopes on a single "
                    + "job are reported as information.",
            "Set read-only permissions at the top and move each write scope to the job that needs it.",
            """
            permissions:
              contents: write
            jobs:
              test: ...
              release: ...
            """,
            """
            permissions:
              contents: read
            jobs:
              test: ...
              release:
                permissions:
                  contents: write
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        workflow.permissions().ifPresent(p -> check(p, "the whole workflow", false, context));
        for (Job job : workflow.jobs()) {
            job.permissions().ifPresent(p -> check(p, "job '" + job.id() + "'", true, context));
        }
    }

    private static void check(YamlNode permissions, String where, boolean jobLevel, RuleContext context) {
        if (!(permissions instanceof YamlMapping scopes)) {
            return;
        }
        for (YamlMapping.Entry entry : scopes.entries()) {
            boolean writes = scopes.text(entry.key().value()).map("write"::equals).orElse(false);
            if (writes) {
                Severity risk = RISK.getOrDefault(entry.key().value(), Severity.MEDIUM);
                context.report(entry.key(), "`" + entry.key().value() + ": write` (" + risk.label() + " risk) for "
                        + where, jobLevel ? Severity.INFO : risk);
            }
        }
    }
}
