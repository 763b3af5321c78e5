package dev.tokenwarden.notifier.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One node of the routing tree, with everything a child inherits from its parent already filled in.
 * {@code id} is its path from the root ({@code root}, {@code root.0}, {@code root.0.2}), stable as long as the
 * tree's shape is, and part of every group key.
 */
public record Route(
        String id,
        List<Matcher> matchers,
        boolean continueMatching,
        List<String> receivers,
        List<String> groupBy,
        Duration groupWait,
        Duration groupInterval,
        Duration repeatInterval,
        List<Route> routes) {

    public Route {
        matchers = List.copyOf(matchers);
        receivers = List.copyOf(receivers);
        groupBy = List.copyOf(groupBy);
        routes = List.copyOf(routes);
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
