package dev.tokenwarden.auditor.domain.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the GitHub Actions expression language: literals, context references
 * with {@code .name}, {@code [index]} and {@code .*}, function calls, {@code !}, comparisons,
 * {@code &&} and {@code ||} with GitHub's precedence, and parentheses.
 */
public final class ExpressionParser {

    private static final int MAX_DEPTH = 100;

    private final String text;
    private int pos;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
    }

    public static Expr parse(String text) throws ExpressionSyntaxException {
        ExpressionParser parser = new ExpressionParser(text);
        Expr expr = parser.or();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw new ExpressionSyntaxException("unexpected '" + text.charAt(parser.pos) + "'", parser.pos);
        }
        return expr;
    }

    private Expr or() throws ExpressionSyntaxException {
        Expr left = and();
        while (accept("||")) {
            left = new Expr.Binary(Expr.Operator.OR, left, and());
        }
        return left;
    }

    private Expr and() throws ExpressionSyntaxException {
        Expr left = equality();
        while (accept("&&")) {
            left = new Expr.Binary(Expr.Operator.AND, left, equality());
        }
        return left;
    }

    private Expr equality() throws ExpressionSyntaxException {
        Expr left = comparison();
        while (true) {
            if (accept("==")) {
                left = new Expr.Binary(Expr.Operator.EQ, left, comparison());
            } else if (accept("!=")) {
                left = new Expr.Binary(Expr.Operator.NE, left, comparison());
            } else {
                return left;
            }
        }
    }

    private Expr comparison() throws ExpressionSyntaxException {
        Expr left = unary();
        while (true) {
            if (accept("<=")) {
                left = new Expr.Binary(Expr.Operator.LE, left, unary());
            } else if (accept(">=")) {
                left = new Expr.Binary(Expr.Operator.GE, left, unary());
            } else if (accept("<")) {
                left = new Expr.Binary(Expr.Operator.LT, left, unary());
            } else if (accept(">")) {
                left = new Expr.Binary(Expr.Operator.GT, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expr unary() throws ExpressionSyntaxException {
        skipSpace();
        if (peek() == '!' && peekAt(1) != '=') {
            pos++;
            nest();
            try {
                return new Expr.Not(unary());
            } finally {
                depth--;
            }
        }
        return postfix(primary());
    }

    private Expr primary() throws ExpressionSyntaxException {
        skipSpace();
        int start = pos;
        char c = peek();
        if (c == '(') {
            pos++;
            nest();
            try {
                Expr inner = or();
                expect(')');
                return inner;
            } finally {
                depth--;
            }
        }
        if (c == '\'') {
            return new Expr.Literal(string());
        }
        if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && Character.isDigit(peekAt(1)))) {
            return new Expr.Literal(number());
        }
        if (isIdentifierStart(c)) {
            String name = identifier();
            skipSpace();
            if (peek() == '(') {
                pos++;
                return new Expr.Call(name, arguments());
            }
            return switch (name) {
                case "true" -> new Expr.Literal(Boolean.TRUE);
                case "false" -> new Expr.Literal(Boolean.FALSE);
                case "null" -> new Expr.Literal(null);
                case "NaN" -> new Expr.Literal(Double.NaN);
                case "Infinity" -> new Expr.Literal(Double.POSITIVE_INFINITY);
                default -> new Expr.Context(name);
            };
        }
        if (pos >= text.length()) {
            throw new ExpressionSyntaxException("expression ends too early", start);
        }
        throw new ExpressionSyntaxException("unexpected '" + c + "'", start);
    }

    private List<Expr> arguments() throws ExpressionSyntaxException {
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return args;
        }
        nest();
        try {
            do {
                args.add(or());
                skipSpace();
            } while (accept(","));
            expect(')');
            return args;
        } finally {
            depth--;
        }
    }

    private Expr postfix(Expr target) throws ExpressionSyntaxException {
        Expr result = target;
        while (true) {
            skipSpace();
            if (peek() == '.') {
                pos++;
                skipSpace();
                if (peek() == '*') {
                    pos++;
                    result = new Expr.Wildcard(result);
                } else if (isIdentifierStart(peek())) {
                    result = new Expr.Property(result, identifier());
                } else {
                    throw new ExpressionSyntaxException("expected a property name after '.'", pos);
                }
            } else if (peek() == '[') {
                pos++;
                skipSpace();
                if (peek() == '*') {
                    pos++;
                    result = new Expr.Wildcard(result);
                } else {
                    nest();
                    try {
                        result = new Expr.Index(result, or());
                    } finally {
                        depth--;
                    }
                }
                expect(']');
            } else {
                return result;
            }
        }
    }

    private String string() throws ExpressionSyntaxException {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (peek() == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
        throw new ExpressionSyntaxException("unterminated string", start);
    }

    private Double number() throws ExpressionSyntaxException {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || "+-.".indexOf(peek()) >= 0)) {
            if ((peek() == '+' || peek() == '-') && pos > start && Character.toLowerCase(text.charAt(pos - 1)) != 'e') {
                break;
            }
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            if (literal.startsWith("0x") || literal.startsWith("0X")) {
                return (double) Long.parseLong(literal.substring(2), 16);
            }
            return Double.valueOf(literal);
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException("bad number '" + literal + "'", start);
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private boolean accept(String token) {
        skipSpace();
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(char c) throws ExpressionSyntaxException {
        skipSpace();
        if (peek() != c) {
            throw new ExpressionSyntaxException("expected '" + c + "'", pos);
        }
        pos++;
    }

    private void nest() throws ExpressionSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionSyntaxException("expression nested too deeply", pos);
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return peekAt(0);
    }

    private char peekAt(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }
}
