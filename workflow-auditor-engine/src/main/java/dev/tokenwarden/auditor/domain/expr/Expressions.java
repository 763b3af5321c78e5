package dev.tokenwarden.auditor.domain.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Questions rules ask of an expression tree. */
public final class Expressions {

    /** Functions whose result carries their arguments' text; the rest return booleans or hashes. */
    private static final Set<String> VALUE_PASSING = Set.of("format", "join", "tojson", "fromjson");

    private Expressions() {
    }

    /**
     * The references whose value can end up in the expression's result: the reference itself, either
     * side of {@code &&} / {@code ||} (they return an operand), and arguments of format, join, toJSON and
     * fromJSON. Comparisons, {@code !}, contains() and friends yield booleans and pass nothing on.
     */
    public static List<ContextPath> valueSources(Expr expr) {
        List<ContextPath> sources = new ArrayList<>();
        collectValueSources(expr, sources);
        return sources;
    }

    private static void collectValueSources(Expr expr, List<ContextPath> sources) {
        var path = ContextPath.from(expr);
        if (path.isPresent()) {
            sources.add(path.get());
            return;
        }
        switch (expr) {
            case Expr.Binary binary when !binary.operator().isComparison() -> {
                collectValueSources(binary.left(), sources);
                collectValueSources(binary.right(), sources);
            }
            case Expr.Call call when VALUE_PASSING.contains(call.function().toLowerCase(Locale.ROOT)) ->
                    call.arguments().forEach(argument -> collectValueSources(argument, sources));
            case Expr.Index index -> collectValueSources(index.target(), sources);
            case Expr.Property property -> collectValueSources(property.target(), sources);
            default -> {
            }
        }
    }

    /** Every context reference anywhere in the tree, including inside comparisons and calls. */
    public static List<ContextPath> references(Expr expr) {
        List<ContextPath> found = new ArrayList<>();
        collectReferences(expr, found);
        return found;
    }

    private static void collectReferences(Expr expr, List<ContextPath> found) {
        var path = ContextPath.from(expr);
        if (path.isPresent()) {
            found.add(path.get());
        }
        switch (expr) {
            case Expr.Binary binary -> {
                collectReferences(binary.left(), found);
                collectReferences(binary.right(), found);
            }
            case Expr.Call call -> call.arguments().forEach(argument -> collectReferences(argument, found));
            case Expr.Not not -> collectReferences(not.operand(), found);
            case Expr.Index index -> {
                if (path.isEmpty()) {
                    collectReferences(index.target(), found);
                }
                collectReferences(index.index(), found);
            }
            case Expr.Property property when path.isEmpty() -> collectReferences(property.target(), found);
            case Expr.Wildcard wildcard when path.isEmpty() -> collectReferences(wildcard.target(), found);
            default -> {
            }
        }
    }

    /** Every node of the tree, parents before children, for rules that look for a shape. */
    public static List<Expr> nodes(Expr expr) {
        List<Expr> all = new ArrayList<>();
        collectNodes(expr, all);
        return all;
    }

    private static void collectNodes(Expr expr, List<Expr> all) {
        all.add(expr);
        switch (expr) {
            case Expr.Binary binary -> {
                collectNodes(binary.left(), all);
                collectNodes(binary.right(), all);
            }
            case Expr.Call call -> call.arguments().forEach(argument -> collectNodes(argument, all));
            case Expr.Not not -> collectNodes(not.operand(), all);
            case Expr.Index index -> {
                collectNodes(index.target(), all);
                collectNodes(index.index(), all);
            }
            case Expr.Property property -> collectNodes(property.target(), all);
            case Expr.Wildcard wildcard -> collectNodes(wildcard.target(), all);
            default -> {
            }
        }
    }

    /** True when the expression reads the secrets context or the job's token. */
    public static boolean isSecret(ContextPath path) {
        return path.root().equals("secrets")
                || (path.segments().size() >= 2 && path.root().equals("github") && path.segments().get(1).equals("token"));
    }
}
