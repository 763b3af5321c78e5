package dev.tokenwarden.auditor.domain.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleOptions;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;
import dev.tokenwarden.auditor.domain.yaml.YamlLoader;
import dev.tokenwarden.auditor.domain.yaml.YamlMapping;
import dev.tokenwarden.auditor.domain.yaml.YamlNode;
import dev.tokenwarden.auditor.domain.yaml.YamlScalar;
import dev.tokenwarden.auditor.domain.yaml.YamlSequence;

/**
 * Reads the configuration file:
 * <pre>
 * max-file-bytes: 1048576
 * docs-base-url: https://example.org/docs/rules
 * persona: regular            # regular, pedantic or auditor
 * min-severity: medium        # info, low, medium, high, critical
 * min-confidence: medium      # low, medium, high
 * fix-timeout-minutes: 30     # what `fix` gives a job without timeout-minutes
 * rules:
 *   missing-timeout:
 *     enabled: false
 *   unpinned-uses:
 *     severity: high
 *     allowed-tag-owners: [actions, github]
 *   excessive-timeout:
 *     max-minutes: 60
 * </pre>
 * Unknown rule ids and keys are errors, so a typo does not silently leave a rule on.
 */
public final class AuditConfigLoader {

    private static final Set<String> TOP_LEVEL = Set.of("rules", "max-file-bytes", "docs-base-url", "persona",
            "min-severity", "min-confidence", "fix-timeout-minutes");

    private final RuleCatalogue catalogue;

    public AuditConfigLoader(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public AuditConfig load(String path, byte[] content) throws YamlInputException {
        YamlNode root = new YamlLoader(YamlLimits.defaults()).load(path, content).root();
        if (!(root instanceof YamlMapping top)) {
            throw new YamlInputException("configuration must be a mapping", root.position());
        }
        for (YamlMapping.Entry entry : top.entries()) {
            if (!TOP_LEVEL.contains(entry.key().value())) {
                throw new YamlInputException("unknown configuration key '" + entry.key().value() + "' (known: "
                        + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")", entry.key().position());
            }
        }
        int maxBytes = YamlLimits.DEFAULT_MAX_BYTES;
        Optional<YamlScalar> maxBytesNode = top.scalar("max-file-bytes");
        if (maxBytesNode.isPresent()) {
            maxBytes = positiveInt(maxBytesNode.get(), "max-file-bytes");
        }
        String docs = top.text("docs-base-url").orElse(AuditConfig.DEFAULT_DOCS_BASE_URL);
        Map<String, RuleSettings> rules = new HashMap<>();
        Optional<YamlNode> rulesNode = top.get("rules");
        if (rulesNode.isPresent()) {
            if (!(rulesNode.get() instanceof YamlMapping ruleMap)) {
                throw new YamlInputException("'rules' must map rule ids to settings", rulesNode.get().position());
            }
            for (YamlMapping.Entry entry : ruleMap.entries()) {
                rules.put(entry.key().value(), ruleSettings(entry));
            }
        }
        FindingFilter filter = new FindingFilter(
                enumValue(top, "persona", Persona::parse, "regular, pedantic or auditor"),
                enumValue(top, "min-severity", Severity::parse, "info, low, medium, high or critical"),
                enumValue(top, "min-confidence", Confidence::parse, "low, medium or high"));
        Optional<Integer> fixTimeout = Optional.empty();
        Optional<YamlScalar> fixTimeoutNode = top.scalar("fix-timeout-minutes");
        if (fixTimeoutNode.isPresent()) {
            fixTimeout = Optional.of(positiveInt(fixTimeoutNode.get(), "fix-timeout-minutes"));
        }
        return new AuditConfig(rules, maxBytes, docs, filter, fixTimeout);
    }

    private static <T> Optional<T> enumValue(YamlMapping top, String key, Function<String, Optional<T>> parse,
                                             String known) throws YamlInputException {
        Optional<YamlNode> node = top.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String text = scalar(node.get(), key).value();
        Optional<T> value = parse.apply(text);
        if (value.isEmpty()) {
            throw new YamlInputException("unknown " + key + " '" + text + "' (use " + known + ")", node.get().position());
        }
        return value;
    }

    private RuleSettings ruleSettings(YamlMapping.Entry entry) throws YamlInputException {
        String id = entry.key().value();
        if (catalogue.find(id).isEmpty()) {
            throw new YamlInputException("unknown rule '" + id + "'", entry.key().position());
        }
        if (!(entry.value() instanceof YamlMapping settings)) {
            throw new YamlInputException("settings of rule '" + id + "' must be a mapping", entry.value().position());
        }
        boolean enabled = true;
        Optional<Severity> severity = Optional.empty();
        Map<String, Object> options = new LinkedHashMap<>();
        for (YamlMapping.Entry setting : settings.entries()) {
            String key = setting.key().value();
            switch (key) {
                case "enabled" -> enabled = bool(setting.value(), id + ".enabled");
                case "severity" -> {
                    String text = scalar(setting.value(), id + ".severity").value();
                    severity = Optional.of(Severity.parse(text).orElseThrow(() -> new YamlInputException(
                            "unknown severity '" + text + "' for rule '" + id + "' (use info, low, medium, high or critical)",
                            setting.value().position())));
                }
                default -> options.put(key, option(setting.value(), id + "." + key));
            }
        }
        return new RuleSettings(enabled, severity, new RuleOptions(options));
    }

    private static Object option(YamlNode value, String name) throws YamlInputException {
        return switch (value) {
            case YamlScalar scalar when scalar.style() == YamlScalar.Style.PLAIN && scalar.value().matches("-?\\d+") ->
                    Integer.valueOf(scalar.value());
            case YamlScalar scalar -> scalar.value();
            case YamlSequence sequence -> {
                List<String> items = new ArrayList<>();
                for (YamlNode item : sequence.items()) {
                    items.add(scalar(item, name).value());
                }
                yield items;
            }
            case YamlMapping mapping -> throw new YamlInputException("option " + name + " must be a value or a list",
                    mapping.position());
        };
    }

    private static YamlScalar scalar(YamlNode node, String name) throws YamlInputException {
        if (node instanceof YamlScalar scalar) {
            return scalar;
        }
        throw new YamlInputException(name + " must be a single value, not a " + node.shape(), node.position());
    }

    private static boolean bool(YamlNode node, String name) throws YamlInputException {
        String text = scalar(node, name).value();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new YamlInputException(name + " must be true or false", node.position());
        };
    }

    private static int positiveInt(YamlScalar node, String name) throws YamlInputException {
        try {
            int value = Integer.parseInt(node.value());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as a non-positive number
        }
        throw new YamlInputException(name + " must be a positive whole number", node.position());
    }
}
