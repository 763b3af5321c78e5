package dev.tokenwarden.auditor.domain.rules;

import java.util.List;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Expr;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** {@code contains('a b c', x)} with a string haystack and a needle an outsider can shape. */
public final class BypassableContains implements Rule {

    /** Values whose text an outsider chooses: branch names and actors, plus the attacker-controlled fields. */
    private static final List<ContextPath> SHAPEABLE = List.of(ContextPath.of("github.ref"),
            ContextPath.of("github.ref_name"), ContextPath.of("github.head_ref"), ContextPath.of("github.actor"),
            ContextPath.of("github.triggering_actor"), ContextPath.of("inputs"), ContextPath.of("github.event.inputs"));

    private static final RuleInfo INFO = new RuleInfo("bypassable-contains",
            "contains() on a string that a substring can satisfy",
            Severity.MEDIUM, Confidence.HIGH,
            "With a string as its first argument, `contains()` is a substring test: "
                    + "`contains('refs/heads/main refs/heads/release', github.ref)` is also true for a branch "
                    + "named `main` (`refs/heads/ma`... any substring). When the needle is a branch name, an "
                    + "actor, an input or other outside text, the check can be passed on purpose.",
            "Test membership in a real list: `contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)`, "
                    + "or compare with `==`.",
            """
            if: contains('refs/heads/main refs/heads/release', github.ref)
            """,
            """
            if: contains(fromJSON('["refs/heads/main", "refs/heads/release"]'), github.ref)
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        for (YamlScalar condition : Conditions.all(workflow)) {
            Conditions.findNode(condition, node -> node instanceof Expr.Call call && call.is("contains")
                            && call.arguments().size() == 2 && call.arguments().getFirst() instanceof Expr.Literal(String haystack)
                            && shapeable(call.arguments().get(1)))
                    .ifPresent(call -> context.report(condition,
                            "`contains()` searches a string for a value an outsider chooses; a substring passes the check"));
        }
    }

    private static boolean shapeable(Expr needle) {
        return ContextPath.from(needle).map(path -> SHAPEABLE.stream().anyMatch(path::within)
                || TaintModel.bundled().isSource(path)).orElse(false);
    }
}
