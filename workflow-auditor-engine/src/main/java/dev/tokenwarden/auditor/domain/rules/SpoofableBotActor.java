package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tokenwarden.auditor.domain.expr.ContextPath;
import dev.tokenwarden.auditor.domain.expr.Expr;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;

/** {@code github.actor == 'dependabot[bot]'} used as a trust check. */
public final class SpoofableBotActor implements Rule {

    private static final Set<ContextPath> ACTORS = Set.of(ContextPath.of("github.actor"),
            ContextPath.of("github.triggering_actor"));

    /** Events whose actor can be a bot acting on an outsider's change. */
    private static final List<String> SPOOFABLE_TRIGGERS = List.of("pull_request", "pull_request_target",
            "workflow_run", "issue_comment", "pull_request_review", "pull_request_review_comment");

    private static final RuleInfo INFO = new RuleInfo("spoofable-bot-actor",
            "Trust decided by a bot's actor name",
            Severity.HIGH, Confidence.HIGH,
            "`github.actor` is whoever caused the latest event, not who wrote the code: when Dependabot "
                    + "rebases a pull request that an attacker controls, or an attacker's fork triggers a "
                    + "`workflow_run` after a bot's event, the actor is the bot. A check like "
                    + "`github.actor == 'dependabot[bot]'` then lets the attacker's code through. High confidence "
                    + "under the events where that happens (pull requests, reviews, comments, `workflow_run`); "
                    + "medium under others, where the check is still the wrong one but harder to exploit.",
            "Check the author of the change instead: `github.event.pull_request.user.login == 'dependabot[bot]'`, "
                    + "together with the event type.",
            """
            if: github.actor == 'dependabot[bot]'
            """,
            """
            if: github.event.pull_request.user.login == 'dependabot[bot]'
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(Workflow workflow, RuleContext context) {
        Confidence confidence = SPOOFABLE_TRIGGERS.stream().anyMatch(workflow::isTriggeredBy) ? Confidence.HIGH : Confidence.MEDIUM;
        for (YamlScalar condition : Conditions.all(workflow)) {
            Conditions.findNode(condition, node -> node instanceof Expr.Binary b
                            && (b.operator() == Expr.Operator.EQ || b.operator() == Expr.Operator.NE)
                            && botComparison(b).isPresent())
                    .flatMap(node -> botComparison((Expr.Binary) node))
                    .ifPresent(bot -> context.report(condition, "`github.actor` compared with `" + bot
                            + "` can be satisfied by events the bot did not author", INFO.severity(), confidence));
        }
    }

    private static Optional<String> botComparison(Expr.Binary comparison) {
        Optional<String> left = bot(comparison.left(), comparison.right());
        return left.isPresent() ? left : bot(comparison.right(), comparison.left());
    }

    private static Optional<String> bot(Expr actor, Expr name) {
        boolean isActor = ContextPath.from(actor).map(ACTORS::contains).orElse(false);
        return isActor && name instanceof Expr.Literal(String text) && text.toLowerCase().endsWith("[bot]")
                ? Optional.of(text) : Optional.empty();
    }
}
