package dev.tokenwarden.auditor.domain.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code ${{ ... }}} occurrence inside a string: where it is ({@code start} of {@code ${{},
 * {@code end} just past {@code }}}), its inner source, and its tree, or why it did not parse.
 */
public record Template(int start, int end, String source, Optional<Expr> expr, Optional<String> error) {

    /** Finds every template in {@code text}; a {@code }}} inside a quoted string does not end one. */
    public static List<Template> findAll(String text) {
        List<Template> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = text.indexOf("${{", from);
            if (open < 0) {
                return found;
            }
            int close = closing(text, open + 3);
            if (close < 0) {
                found.add(new Template(open, text.length(), text.substring(open + 3), Optional.empty(),
                        Optional.of("'${{' without a closing '}}'")));
                return found;
            }
            String source = text.substring(open + 3, close);
            Optional<Expr> expr;
            Optional<String> error;
            try {
                expr = Optional.of(ExpressionParser.parse(source));
                error = Optional.empty();
            } catch (ExpressionSyntaxException e) {
                expr = Optional.empty();
                error = Optional.of(e.getMessage());
            }
            found.add(new Template(open, close + 2, source, expr, error));
            from = close + 2;
        }
    }

    private static int closing(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '}' && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Every context reference whose value can reach the text this template expands to. */
    public List<ContextPath> valueSources() {
        return expr.map(Expressions::valueSources).orElse(List.of());
    }
}
