package dev.tokenwarden.auditor.domain.expr;

import java.util.List;

/** The syntax tree of a GitHub Actions expression (the text inside {@code ${{ }}} or a bare {@code if:}). */
public sealed interface Expr {

    /** {@code value} is a String, Double, Boolean or null, as the expression language types them. */
    record Literal(Object value) implements Expr {
    }

    /** A context name at the root of a reference: {@code github}, {@code secrets}, {@code env}, ... */
    record Context(String name) implements Expr {
    }

    record Property(Expr target, String name) implements Expr {
    }

    record Index(Expr target, Expr index) implements Expr {
    }

    /** {@code a.*} or {@code a[*]}: the object filter. */
    record Wildcard(Expr target) implements Expr {
    }

    record Call(String function, List<Expr> arguments) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }

        public boolean is(String name) {
            return function.equalsIgnoreCase(name);
        }
    }

    record Not(Expr operand) implements Expr {
    }

    record Binary(Operator operator, Expr left, Expr right) implements Expr {
    }

    enum Operator {
        OR("||"), AND("&&"), EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        public final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return this != OR && this != AND;
        }
    }
}
