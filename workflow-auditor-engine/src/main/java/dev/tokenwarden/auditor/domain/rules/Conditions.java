package dev.tokenwarden.auditor.domain.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.tokenwarden.auditor.domain.expr.Expr;
import dev.tokenwarden.auditor.domain.expr.ExpressionParser;
import dev.tokenwarden.auditor.domain.expr.ExpressionSyntaxException;
import dev.tokenwarden.auditor.domain.expr.Expressions;
import dev.tokenwarden.auditor.domain.expr.Template;
import dev.tokenwarden.auditor.domain.model.Job;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** The {@code if:} conditions of a workflow's jobs and steps, and how GitHub reads each one. */
final class Conditions {

    private Conditions() {
    }

    static List<YamlScalar> all(Workflow workflow) {
        List<YamlScalar> conditions = new ArrayList<>();
        for (Job job : workflow.jobs()) {
            job.ifCondition().ifPresent(conditions::add);
        }
        workflow.steps().forEach(s -> s.step().ifCondition().ifPresent(conditions::add));
        return conditions;
    }

    /**
     * True when GitHub evaluates the value as one expression: either bare text, or exactly one
     * {@code ${{ }}} with nothing around it. Anything else is a template that yields a non-empty string.
     */
    static boolean isSingleExpression(String value) {
        List<Template> templates = Template.findAll(value);
        if (templates.isEmpty()) {
            return true;
        }
        return templates.size() == 1 && templates.getFirst().start() == 0 && templates.getFirst().end() == value.length();
    }

    /** The condition's tree, when it is a single expression that parses. */
    static Optional<Expr> expression(YamlScalar condition) {
        String value = condition.value();
        if (!isSingleExpression(value)) {
            return Optional.empty();
        }
        List<Template> templates = Template.findAll(value);
        if (!templates.isEmpty()) {
            return templates.getFirst().expr();
        }
        try {
            return Optional.of(ExpressionParser.parse(value));
        } catch (ExpressionSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The first node of the condition's tree (parents first) that matches. */
    static Optional<Expr> findNode(YamlScalar condition, Predicate<Expr> wanted) {
        return expression(condition).flatMap(expr -> Expressions.nodes(expr).stream().filter(wanted).findFirst());
    }
}
