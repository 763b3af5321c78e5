package dev.tokenwarden.auditor.domain.fix;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;

/** {@code missing-timeout}: adds {@code timeout-minutes: <configured default>} to the job, before its steps. */
final class AddTimeoutFix implements Fix {

    private static final FixInfo INFO = new FixInfo("missing-timeout",
            "adds `timeout-minutes:` (`--timeout-minutes`, configuration key `fix-timeout-minutes`, default 30) to the job");

    @Override
    public FixInfo info() {
        return INFO;
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        return Fix.each(findings, f -> Jobs.at(workflow, f), (f, job) -> plan(workflow, f, job, options.timeoutMinutes()),
                "no job starts at this line");
    }

    private static PlannedFix plan(EditableWorkflow workflow, Finding finding, Job job, int minutes) {
        return workflow.addEntry(job.node(), "steps", "timeout-minutes", Optional.of(Integer.toString(minutes)), List.of())
                .map(edit -> PlannedFix.edits(finding, "job '" + job.id() + "': timeout-minutes: " + minutes, edit))
                .orElseGet(() -> PlannedFix.unfixable(finding, "the job's mapping has a shape the fixer does not edit"));
    }
}
