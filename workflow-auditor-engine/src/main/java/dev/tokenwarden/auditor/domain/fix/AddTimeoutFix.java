package dev.tokenwarden.auditor.domain.fix;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;

/** {@code missing-timeout}: adds {@code timeout-minutes: <configured default>} to the job, before its steps. */
final class AddTimeoutFix implements Fix {

    @Override
    public String ruleId() {
        return "missing-timeout";
    }

    @Override
    public List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options) {
        return findings.stream().map(finding -> Jobs.at(workflow, finding)
                .map(job -> plan(workflow, finding, job, options.timeoutMinutes()))
                .orElseGet(() -> PlannedFix.unfixable(finding, "no job starts at this line"))).toList();
    }

    private static PlannedFix plan(EditableWorkflow workflow, Finding finding, Job job, int minutes) {
        return workflow.addEntry(job.node(), "steps", "timeout-minutes", Optional.of(Integer.toString(minutes)), List.of())
                .map(edit -> PlannedFix.edits(finding, "job '" + job.id() + "': timeout-minutes: " + minutes, edit))
                .orElseGet(() -> PlannedFix.unfixable(finding, "the job's mapping has a shape the fixer does not edit"));
    }
}
