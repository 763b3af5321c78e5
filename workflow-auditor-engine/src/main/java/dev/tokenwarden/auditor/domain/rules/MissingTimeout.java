package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** A job without {@code timeout-minutes} runs for up to six hours when it hangs. */
public final class MissingTimeout implements Rule {

    private static final RuleInfo INFO = new RuleInfo("missing-timeout",
            "Job without timeout-minutes",
            Severity.LOW, Confidence.HIGH,
            "A job without `timeout-minutes` gets GitHub's default of 360 minutes. A hung step then holds a "
                    + "runner, and any credential the job received, for six hours. Jobs that call a reusable "
                    + "workflow are exempt: the called workflow sets its own timeouts.",
            "Add `timeout-minutes:` to the job, a little above its usual duration.",
            """
            jobs:
              build:
                runs-on: ubuntu-latest
                steps: ...
            """,
            """
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 15
                steps: ...
            """, true);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (Job job : workflow.jobs()) {
            if (job.timeoutMinutes().isEmpty() && job.uses().isEmpty()) {
                context.report(job.idKey(), "job '" + job.id() + "' has no `timeout-minutes`", INFO.severity());
            }
        }
    }
}
