package dev.tokenwarden.auditor.domain.fix;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.tokenwarden.auditor.domain.finding.Finding;

/**
 * The mechanical fix for one rule, like a {@code Rule} is one check: it turns the rule's findings in one file into
 * edits, or says for each why it cannot. It never writes: {@link WorkflowFixer} applies what it plans.
 */
interface Fix {

    /** The rule it fixes and what it does, as a rule's {@code RuleInfo} says what it finds. */
    record FixInfo(String ruleId, String summary) {
    }

    FixInfo info();

    default String ruleId() {
        return info().ruleId();
    }

    /** One planned change per finding (in the same order), each applied whole or not at all. */
    List<PlannedFix> plan(EditableWorkflow workflow, List<Finding> findings, FixOptions options);

    /**
     * Plans each finding on its own: {@code locate} finds what the finding points at, {@code plan} fixes that; a
     * finding that points at nothing {@code locate} knows is unfixable with {@code notFound}.
     */
    static <T> List<PlannedFix> each(List<Finding> findings, Function<Finding, Optional<T>> locate,
                                     BiFunction<Finding, T, PlannedFix> plan, String notFound) {
        return findings.stream().map(f -> locate.apply(f).map(t -> plan.apply(f, t))
                .orElseGet(() -> PlannedFix.unfixable(f, notFound))).toList();
    }
}
