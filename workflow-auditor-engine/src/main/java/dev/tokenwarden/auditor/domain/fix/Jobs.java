package dev.tokenwarden.auditor.domain.fix;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;

/** Finds the job or step a finding points at, by the position the rule reported. */
final class Jobs {

    private Jobs() {
    }

    /** The job whose id key is on the finding's line. */
    static Optional<Job> at(EditableWorkflow workflow, Finding finding) {
        return workflow.workflow().jobs().stream()
                .filter(j -> j.position().line() == finding.line() && j.position().column() == finding.column())
                .findFirst();
    }

    /** The step whose {@code uses:} value is where the finding points. */
    static Optional<Workflow.StepInJob> stepUsingAt(EditableWorkflow workflow, Finding finding) {
        return workflow.workflow().steps().filter(s -> s.step().uses()
                .map(u -> u.position().line() == finding.line() && u.position().column() == finding.column())
                .orElse(false)).findFirst();
    }
}
