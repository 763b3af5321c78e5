package dev.tokenwarden.auditor.domain.advisory;

import java.util.ArrayList;
import java.util.List;

/** An advisory's vulnerable range, as GitHub writes it: comparators joined by commas, {@code >= 1.0.0, < 2.4.2}. */
public record VersionRange(String text, List<Comparator> comparators) {

    public record Comparator(String operator, ActionVersion version) {
        boolean accepts(ActionVersion v) {
            int c = v.compareTo(version);
            return switch (operator) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> c == 0;
            };
        }
    }

    public VersionRange {
        comparators = List.copyOf(comparators);
    }

    public static VersionRange parse(String text) {
        List<Comparator> comparators = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            String operator = p.startsWith("<=") || p.startsWith(">=") ? p.substring(0, 2)
                    : p.startsWith("<") || p.startsWith(">") || p.startsWith("=") ? p.substring(0, 1) : "=";
            String version = p.substring(operator.equals("=") && !p.startsWith("=") ? 0 : operator.length()).strip();
            comparators.add(new Comparator(operator, ActionVersion.parse(version)
                    .orElseThrow(() -> new IllegalArgumentException("bad version in range '" + text + "'"))));
        }
        return new VersionRange(text.strip(), comparators);
    }

    public boolean contains(ActionVersion version) {
        return comparators.stream().allMatch(c -> c.accepts(version));
    }

    /** True when every release a (possibly moving) tag can name lies in the range. */
    public boolean containsAll(ActionVersion tag) {
        return contains(tag.lowest()) && contains(tag.highest());
    }
}
