package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an incident's labels, written as in Alertmanager: {@code name="value"}, {@code name!="value"},
 * {@code name=~"regex"}, {@code name!~"regex"}; plus {@code severity>=high}, because "this severity or worse" is
 * the most common route and a regex over severity names is easy to get wrong. Regexes are anchored. A label
 * the incident lacks has the empty value.
 */
public record Matcher(String label, Operator operator, String value) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(=~|!~|!=|>=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s]*))\\s*");

    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~"), AT_LEAST(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Operator bySymbol(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown operator " + symbol);
        }
    }

    public Matcher {
        if (operator == Operator.REGEX || operator == Operator.NOT_REGEX) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("matcher " + label + operator.symbol + " has an invalid regex: "
                        + e.getDescription());
            }
        }
        if (operator == Operator.AT_LEAST) {
            if (!IncidentLabels.SEVERITY.equals(label)) {
                throw new IllegalArgumentException("'>=' compares severities only, not '" + label + "'");
            }
            severity(value);
        }
    }

    /** Parses {@code name<op>"value"} (quotes optional when the value has no spaces). */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher '" + text + "' is not of the form name=\"value\", name!=\"value\", "
                    + "name=~\"regex\", name!~\"regex\" or severity>=level");
        }
        String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4);
        return new Matcher(m.group(1), Operator.bySymbol(m.group(2)), value);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> Pattern.compile(value).matcher(actual).matches();
            case NOT_REGEX -> !Pattern.compile(value).matcher(actual).matches();
            case AT_LEAST -> !actual.isEmpty() && severity(actual).atLeast(severity(value));
        };
    }

    @Override
    public String toString() {
        return label + operator.symbol + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Severity severity(String name) {
        try {
            return Severity.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a severity (info, low, medium, high, critical)");
        }
    }
}
