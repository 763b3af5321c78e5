package dev.tokenwarden.notifier.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evaluates the routing tree as Alertmanager does: an incident descends depth-first into the first child
 * whose matchers all hold, and on into later siblings only while the matched child says {@code continue};
 * the deepest matching nodes are where it is routed, and a node with no matching child takes it itself.
 */
public final class RoutingTree {
    private final Route root;

    public RoutingTree(Route root) {
        this.root = root;
    }

    public Route root() {
        return root;
    }

    public List<Route> route(Map<String, String> labels) {
        return explain(labels).routes();
    }

    /** The routes an incident reaches and, step by step, why. */
    public Explanation explain(Map<String, String> labels) {
        List<String> steps = new ArrayList<>();
        List<Route> reached = new ArrayList<>();
        descend(root, labels, steps, reached);
        return new Explanation(reached, steps);
    }

    public record Explanation(List<Route> routes, List<String> steps) {
        public Explanation {
            routes = List.copyOf(routes);
            steps = List.copyOf(steps);
        }
    }

    private static void descend(Route node, Map<String, String> labels, List<String> steps, List<Route> reached) {
        boolean childMatched = false;
        for (Route child : node.routes()) {
            List<Matcher> failed = child.matchers().stream().filter(m -> !m.matches(labels)).toList();
            if (!failed.isEmpty()) {
                steps.add(child.id() + ": skipped, " + failed.stream()
                        .map(m -> m + " does not hold for " + m.label() + "=\"" + labels.getOrDefault(m.label(), "") + "\"")
                        .collect(Collectors.joining("; ")));
                continue;
            }
            steps.add(child.id() + ": matched " + (child.matchers().isEmpty() ? "(no matchers)" : child.matchers().toString()));
            childMatched = true;
            descend(child, labels, steps, reached);
            if (!child.continueMatching()) {
                steps.add(child.id() + ": continue is false, later siblings are not tried");
                break;
            }
        }
        if (!childMatched) {
            steps.add(node.id() + ": routes to " + node.receivers() + ", grouped by " + node.groupBy());
            reached.add(node);
        }
    }
}
