package dev.tokenwarden.auditor.domain.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static Expr.Context ctx(String name) {
        return new Expr.Context(name);
    }

    @Test
    void parsesPropertyIndexAndWildcardChains() throws Exception {
        assertThat(ExpressionParser.parse("github.event.pull_request['head'].ref"))
                .isEqualTo(new Expr.Property(new Expr.Index(new Expr.Property(new Expr.Property(ctx("github"), "event"),
                        "pull_request"), new Expr.Literal("head")), "ref"));
        assertThat(ExpressionParser.parse("github.event.commits.*.message"))
                .isEqualTo(new Expr.Property(new Expr.Wildcard(new Expr.Property(new Expr.Property(ctx("github"), "event"),
                        "commits")), "message"));
        assertThat(ExpressionParser.parse("steps.my-step.outputs[0]"))
                .isEqualTo(new Expr.Index(new Expr.Property(new Expr.Property(ctx("steps"), "my-step"), "outputs"),
                        new Expr.Literal(0.0)));
    }

    @Test
    void appliesGithubPrecedence() throws Exception {
        Expr e = ExpressionParser.parse("!a || b == 'x' && c < 2");
        assertThat(e).isEqualTo(new Expr.Binary(Expr.Operator.OR, new Expr.Not(ctx("a")),
                new Expr.Binary(Expr.Operator.AND,
                        new Expr.Binary(Expr.Operator.EQ, ctx("b"), new Expr.Literal("x")),
                        new Expr.Binary(Expr.Operator.LT, ctx("c"), new Expr.Literal(2.0)))));
        assertThat(ExpressionParser.parse("(a || b) && c")).isEqualTo(new Expr.Binary(Expr.Operator.AND,
                new Expr.Binary(Expr.Operator.OR, ctx("a"), ctx("b")), ctx("c")));
    }

    @Test
    void parsesLiteralsAndCalls() throws Exception {
        assertThat(ExpressionParser.parse("format('it''s {0}', 0x1F, -2.5e1, true, null)"))
                .isEqualTo(new Expr.Call("format", List.of(new Expr.Literal("it's {0}"), new Expr.Literal(31.0),
                        new Expr.Literal(-25.0), new Expr.Literal(true), new Expr.Literal(null))));
        assertThat(ExpressionParser.parse("success()")).isEqualTo(new Expr.Call("success", List.of()));
        assertThat(ExpressionParser.parse("a != b")).isEqualTo(new Expr.Binary(Expr.Operator.NE, ctx("a"), ctx("b")));
    }

    @Test
    void reportsSyntaxErrorsWithAnOffset() {
        assertThatThrownBy(() -> ExpressionParser.parse("github.event.")).isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("expected a property name");
        assertThatThrownBy(() -> ExpressionParser.parse("'open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> ExpressionParser.parse("a b")).hasMessage("unexpected 'b' at character 3");
        assertThatThrownBy(() -> ExpressionParser.parse("(".repeat(500) + "a" + ")".repeat(500)))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void findsTemplatesAndIgnoresClosingBracesInsideStrings() {
        List<Template> found = Template.findAll("a ${{ format('}}{0}', x.y) }} b ${{ github.sha }}");
        assertThat(found).hasSize(2);
        assertThat(found.get(0).valueSources()).containsExactly(ContextPath.of("x.y"));
        assertThat(found.get(1).start()).isEqualTo(32);
        assertThat(Template.findAll("${{ a.")).singleElement().satisfies(t -> assertThat(t.error()).isPresent());
    }

    @Test
    void valueSourcesFollowOnlyWhatReachesTheResult() throws Exception {
        assertThat(Expressions.valueSources(ExpressionParser.parse("github.head_ref || 'main'")))
                .containsExactly(ContextPath.of("github.head_ref"));
        assertThat(Expressions.valueSources(ExpressionParser.parse("github.head_ref == 'main'"))).isEmpty();
        assertThat(Expressions.valueSources(ExpressionParser.parse("contains(github.event.issue.title, 'x')"))).isEmpty();
        assertThat(Expressions.valueSources(ExpressionParser.parse("toJSON(github.event.issue)")))
                .containsExactly(ContextPath.of("github.event.issue"));
        assertThat(Expressions.references(ExpressionParser.parse("contains(github.event.issue.title, 'x')")))
                .containsExactly(ContextPath.of("github.event.issue.title"));
    }

    @Test
    void contextPathsMatchWildcardsBothWays() {
        ContextPath pattern = ContextPath.of("github.event.commits.*.message");
        assertThat(ContextPath.of("github.event.commits.*.message").within(pattern)).isTrue();
        assertThat(new ContextPath(List.of("github", "event", "commits", "*", "message")).within(pattern)).isTrue();
        assertThat(ContextPath.of("GitHub.Event.Commits.0.Message").within(pattern)).isTrue();
        assertThat(ContextPath.of("github.event").contains(pattern)).isTrue();
        assertThat(ContextPath.of("github.event.commits.*.id").within(pattern)).isFalse();
    }
}
