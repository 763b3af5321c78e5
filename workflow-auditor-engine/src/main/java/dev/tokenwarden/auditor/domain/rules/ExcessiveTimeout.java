package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** A job whose {@code timeout-minutes} is above the configured maximum (option {@code max-minutes}). */
public final class ExcessiveTimeout implements Rule {

    static final int DEFAULT_MAX_MINUTES = 120;

    private static final RuleInfo INFO = new RuleInfo("excessive-timeout",
            "Job timeout above the configured maximum",
            Severity.LOW, Confidence.HIGH,
            "A very long `timeout-minutes` defeats the purpose of a timeout: a hung or hijacked job keeps its "
                    + "runner and credentials for that long. The maximum is the option `max-minutes` "
                    + "(default " + DEFAULT_MAX_MINUTES + ").",
            "Lower `timeout-minutes` to the job's real need, or raise `max-minutes` for this rule in the "
                    + "configuration when long jobs are intended.",
            """
            jobs:
              build:
                timeout-minutes: 600
            """,
            """
            jobs:
              build:
                timeout-minutes: 30
            """, true);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        int max = context.options().integer("max-minutes", DEFAULT_MAX_MINUTES);
        for (Job job : workflow.jobs()) {
            if (job.timeoutMinutes().orElse(null) instanceof YamlScalar timeout && !timeout.value().contains("${{")) {
                try {
                    double minutes = Double.parseDouble(timeout.value());
                    if (minutes > max) {
                        context.report(timeout, "job '" + job.id() + "' may run for " + timeout.value()
                                + " minutes, above the maximum of " + max);
                    }
                } catch (NumberFormatException e) {
                    context.report(timeout, "job '" + job.id() + "' has a `timeout-minutes` that is not a number",
                            Severity.LOW, Confidence.MEDIUM);
                }
            }
        }
    }
}
