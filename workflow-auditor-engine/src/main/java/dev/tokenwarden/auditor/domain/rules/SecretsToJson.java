package dev.tokenwarden.auditor.domain.rules;

import java.util.List;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Expr;
import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlTrees;

/** {@code toJSON(secrets)}: every secret of the repository handed over at once. */
public final class SecretsToJson implements Rule {

    private static final RuleInfo INFO = new RuleInfo("secrets-tojson",
            "toJSON(secrets) exposes every secret",
            Severity.HIGH, Confidence.HIGH,
            "`toJSON(secrets)` serialises every secret the workflow can see, including ones the step never "
                    + "needs, into one value; whatever receives it (a script, an action input, a file) now "
                    + "holds all of them.",
            "Pass the individual secrets the step needs, by name.",
            """
            - run: ./configure
              env:
                ALL_SECRETS: ${{ toJSON(secrets) }}
            """,
            """
            - run: ./configure
              env:
                DB_PASSWORD: ${{ secrets.DB_PASSWORD }}
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (YamlScalar scalar : YamlTrees.scalarValues(workflow.root())) {
            for (Template template : Template.findAll(scalar.value())) {
                template.expr().ifPresent(expr -> {
                    boolean dumpsSecrets = Expressions.nodes(expr).stream().anyMatch(node ->
                            node instanceof Expr.Call call && call.is("toJSON") && call.arguments().size() == 1
                                    && ContextPath.from(call.arguments().getFirst())
                                    .map(p -> p.segments().equals(List.of("secrets"))).orElse(false));
                    if (dumpsSecrets) {
                        context.report(workflow.source().positionOf(scalar, template.start()),
                                "`toJSON(secrets)` passes every secret at once");
                    }
                });
            }
        }
    }
}
