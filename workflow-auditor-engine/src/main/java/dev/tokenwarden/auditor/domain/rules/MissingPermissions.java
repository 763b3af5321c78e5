package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** A job whose GITHUB_TOKEN gets the repository's default permissions, which may be read-write. */
public final class MissingPermissions implements Rule {

    private static final RuleInfo INFO = new RuleInfo("missing-permissions",
            "No permissions block at workflow or job level",
            Severity.MEDIUM, Confidence.HIGH,
            "Without a `permissions:` block the job's GITHUB_TOKEN gets the repository or organisation default, "
                    + "which is read-write on every scope in older repositories. Any step, and any action it "
                    + "runs, can then push code, edit releases or approve pull requests.",
            "Set `permissions: contents: read` (or `{}`) at the top of the workflow and grant write scopes "
                    + "only on the jobs that need them.",
            """
            on: push
            jobs:
              test:
                runs-on: ubuntu-latest
                timeout-minutes: 10
                steps:
                  - run: make test
            """,
            """
            on: push
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-latest
                timeout-minutes: 10
                steps:
                  - run: make test
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        if (workflow.kind() != Workflow.Kind.WORKFLOW || workflow.permissions().isPresent()) {
            return;
        }
        for (Job job : workflow.jobs()) {
            if (job.permissions().isEmpty()) {
                context.report(job.idKey(), "job '" + job.id()
                        + "' runs with the default GITHUB_TOKEN permissions: neither the workflow nor the job sets `permissions:`",
                        INFO.severity());
            }
        }
    }
}
