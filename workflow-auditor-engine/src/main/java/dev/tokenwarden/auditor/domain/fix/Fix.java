package dev.tokenwarden.auditor.domain.fix;

import java.util.List;

import dev.tokenwarden.auditor.domain.finding.Finding;

/**
 * The mechanical fix for one rule, like a {@code Rule} is one check: it turns the rule's findings in one file into
 * edits, or says for each why it cannot. It never writes: {@link WorkflowFixer} applies what it plans.
 */
interface Fix {

    String ruleId();

    /** One planned change per finding (in the same order), each applied whole or not at all. */
    List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options);
}
