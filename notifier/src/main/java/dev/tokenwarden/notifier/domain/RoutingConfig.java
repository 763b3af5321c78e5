package dev.tokenwarden.notifier.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The routing tree and inhibition rules, read from YAML shaped like Alertmanager's {@code route:} and
 * {@code inhibit_rules:} sections. Children inherit {@code receivers}, {@code group_by} and the three intervals
 * from their parent. Every receiver named must be one the notifier has configured, so a typo fails at start
 * rather than dropping incidents later.
 */
public record RoutingConfig(RoutingTree tree, List<InhibitRule> inhibitRules) {
    static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_DEPTH = 16;
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> ROUTE_KEYS = Set.of("matchers", "continue", "receivers", "group_by", "group_wait",
            "group_interval", "repeat_interval", "routes");
    private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal");

    public RoutingConfig {
        inhibitRules = List.copyOf(inhibitRules);
    }

    /** Thrown with a message that says where the configuration is wrong. */
    public static final class InvalidRoutingException extends IllegalArgumentException {
        InvalidRoutingException(String message) {
            super(message);
        }
    }

    public static RoutingConfig parse(String yaml, Set<String> knownReceivers) {
        if (yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidRoutingException("routing configuration is larger than " + MAX_BYTES + " bytes");
        }
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(MAX_BYTES)
                .setLabel("routing")
                .build();
        Object document;
        try {
            document = new Load(settings).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new InvalidRoutingException("routing configuration is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> top = map(document, "the document");
        checkKeys(top, Set.of("route", "inhibit_rules"), "the document");
        Route defaults = new Route("root", List.of(), false, List.of(), List.of(),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), List.of());
        Route root = route(map(top.get("route"), "route"), "root", defaults, knownReceivers, 0);
        if (root.receivers().isEmpty()) {
            throw new InvalidRoutingException("route: the root route needs receivers, so every incident reaches someone");
        }
        if (!root.matchers().isEmpty()) {
            throw new InvalidRoutingException("route: the root route matches every incident and takes no matchers");
        }
        List<InhibitRule> rules = new ArrayList<>();
        List<Object> inhibit = top.containsKey("inhibit_rules") ? list(top.get("inhibit_rules"), "inhibit_rules") : List.of();
        for (int i = 0; i < inhibit.size(); i++) {
            String where = "inhibit_rules[" + i + "]";
            Map<String, Object> rule = map(inhibit.get(i), where);
            checkKeys(rule, INHIBIT_KEYS, where);
            rules.add(new InhibitRule(matchers(rule.get("source_matchers"), where + ".source_matchers"),
                    matchers(rule.get("target_matchers"), where + ".target_matchers"),
                    strings(rule.get("equal"), where + ".equal")));
        }
        return new RoutingConfig(new RoutingTree(root), rules);
    }

    private static Route route(Map<String, Object> node, String id, Route parent, Set<String> knownReceivers, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRoutingException(id + ": routes nest deeper than " + MAX_DEPTH);
        }
        checkKeys(node, ROUTE_KEYS, id);
        List<String> receivers = node.containsKey("receivers") ? strings(node.get("receivers"), id + ".receivers") : parent.receivers();
        for (String receiver : receivers) {
            if (!knownReceivers.contains(receiver)) {
                throw new InvalidRoutingException(id + ".receivers: '" + receiver + "' is not a configured receiver "
                        + knownReceivers.stream().sorted().toList());
            }
        }
        Route self = new Route(id,
                node.containsKey("matchers") ? matchers(node.get("matchers"), id + ".matchers") : List.of(),
                node.containsKey("continue") && bool(node.get("continue"), id + ".continue"),
                receivers,
                node.containsKey("group_by") ? strings(node.get("group_by"), id + ".group_by") : parent.groupBy(),
                duration(node, "group_wait", parent.groupWait(), id),
                duration(node, "group_interval", parent.groupInterval(), id),
                duration(node, "repeat_interval", parent.repeatInterval(), id),
                List.of());
        List<Route> children = new ArrayList<>();
        List<Object> childNodes = node.containsKey("routes") ? list(node.get("routes"), id + ".routes") : List.of();
        for (int i = 0; i < childNodes.size(); i++) {
            String childId = id + "." + i;
            children.add(route(map(childNodes.get(i), childId), childId, self, knownReceivers, depth + 1));
        }
        return new Route(self.id(), self.matchers(), self.continueMatching(), self.receivers(), self.groupBy(),
                self.groupWait(), self.groupInterval(), self.repeatInterval(), children);
    }

    /** Durations as Alertmanager writes them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}. */
    public static Duration duration(String text) {
        java.util.regex.Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidRoutingException("'" + text + "' is not a duration like 250ms, 30s, 5m, 4h or 1d");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Duration duration(Map<String, Object> node, String key, Duration inherited, String id) {
        if (!node.containsKey(key)) {
            return inherited;
        }
        if (!(node.get(key) instanceof String text)) {
            throw new InvalidRoutingException(id + "." + key + ": expected a duration like 30s");
        }
        try {
            return duration(text);
        } catch (InvalidRoutingException e) {
            throw new InvalidRoutingException(id + "." + key + ": " + e.getMessage());
        }
    }

    private static List<Matcher> matchers(Object value, String where) {
        List<Matcher> matchers = new ArrayList<>();
        for (String text : strings(value, where)) {
            try {
                matchers.add(Matcher.parse(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidRoutingException(where + ": " + e.getMessage());
            }
        }
        return matchers;
    }

    private static List<String> strings(Object value, String where) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(value, where)) {
            if (!(item instanceof String s)) {
                throw new InvalidRoutingException(where + ": expected a list of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    private static boolean bool(Object value, String where) {
        if (!(value instanceof Boolean b)) {
            throw new InvalidRoutingException(where + ": expected true or false");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidRoutingException(where + ": expected a mapping");
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidRoutingException(where + ": keys must be strings");
            }
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String where) {
        if (!(value instanceof List<?> l)) {
            throw new InvalidRoutingException(where + ": expected a list");
        }
        return (List<Object>) l;
    }

    private static void checkKeys(Map<String, Object> node, Set<String> allowed, String where) {
        for (String key : node.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidRoutingException(where + ": unknown key '" + key + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }
}
