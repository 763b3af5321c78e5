package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** An {@code if:} whose {@code ${{ }}} is surrounded by other text, so it is a non-empty string: always true. */
public final class AlwaysTrueIf implements Rule {

    private static final RuleInfo INFO = new RuleInfo("always-true-if",
            "if: condition that is always true",
            Severity.HIGH, Confidence.HIGH,
            "When an `if:` value contains `${{ }}` plus any other text (a second `${{ }}`, a space after "
                    + "the closing braces, the newline a `|` or `>` block adds), GitHub expands it as a string "
                    + "template, and any non-empty string is true. The guard then never stops the job or step.",
            "Write the whole condition as one expression: `if: ${{ a && b }}`, or without braces: `if: a && b`.",
            """
            if: ${{ github.event_name == 'push' }} && ${{ github.ref == 'refs/heads/main' }}
            """,
            """
            if: github.event_name == 'push' && github.ref == 'refs/heads/main'
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (YamlScalar condition : Conditions.all(workflow)) {
            if (!Template.findAll(condition.value()).isEmpty() && !Conditions.isSingleExpression(condition.value())) {
                context.report(condition, "this `if:` mixes `${{ }}` with other text, so it is a non-empty string and always true");
            }
        }
    }
}
