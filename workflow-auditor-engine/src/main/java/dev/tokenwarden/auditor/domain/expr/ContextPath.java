package dev.tokenwarden.auditor.domain.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A context reference flattened to segments ({@code github.event.issue.title}); a wildcard, a numeric
 * index or a computed index becomes {@code *}. Names are lower-cased: contexts are case-insensitive.
 */
public record ContextPath(List<String> segments) {

    public static final String ANY = "*";

    public ContextPath {
        segments = List.copyOf(segments);
    }

    public static ContextPath of(String dotted) {
        List<String> parts = new ArrayList<>();
        for (String part : dotted.split("\\.")) {
            parts.add(part.toLowerCase(Locale.ROOT));
        }
        return new ContextPath(parts);
    }

    /** The path of a reference expression, absent for anything that is not one. */
    public static Optional<ContextPath> from(Expr expr) {
        List<String> reversed = new ArrayList<>();
        Expr current = expr;
        while (true) {
            switch (current) {
                case Expr.Context context -> {
                    reversed.add(context.name().toLowerCase(Locale.ROOT));
                    Collections.reverse(reversed);
                    return Optional.of(new ContextPath(reversed));
                }
                case Expr.Property property -> {
                    reversed.add(property.name().toLowerCase(Locale.ROOT));
                    current = property.target();
                }
                case Expr.Wildcard wildcard -> {
                    reversed.add(ANY);
                    current = wildcard.target();
                }
                case Expr.Index index -> {
                    reversed.add(index.index() instanceof Expr.Literal(String name) ? name.toLowerCase(Locale.ROOT) : ANY);
                    current = index.target();
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
    }

    public String root() {
        return segments.getFirst();
    }

    /** True when this path is {@code pattern}, or lies inside it; {@code *} on either side matches one segment. */
    public boolean within(ContextPath pattern) {
        if (segments.size() < pattern.segments.size()) {
            return false;
        }
        for (int i = 0; i < pattern.segments.size(); i++) {
            if (!segmentMatches(segments.get(i), pattern.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when this path is a proper prefix of {@code pattern}: the whole object that contains it. */
    public boolean contains(ContextPath pattern) {
        if (segments.size() >= pattern.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segmentMatches(segments.get(i), pattern.segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean segmentMatches(String a, String b) {
        return a.equals(b) || a.equals(ANY) || b.equals(ANY);
    }

    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
