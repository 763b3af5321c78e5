package dev.tokenwarden.auditor.domain.config;

import java.util.Map;

import dev.tokenwarden.auditor.domain.yaml.YamlLimits;

/**
 * How the engine runs: per-rule settings, the largest file it reads, and where the rule reference lives
 * (each finding links to {@code docsBaseUrl#rule-id}).
 */
public record AuditConfig(Map<String, RuleSettings> rules, int maxFileBytes, String docsBaseUrl) {

    public static final String DEFAULT_DOCS_BASE_URL =
            "https://github.com/tokenwarden/tokenwarden/blob/main/docs/rules.md";

    public AuditConfig {
        rules = Map.copyOf(rules);
    }

    public static AuditConfig defaults() {
        return new AuditConfig(Map.of(), YamlLimits.DEFAULT_MAX_BYTES, DEFAULT_DOCS_BASE_URL);
    }

    public RuleSettings settings(String ruleId) {
        return rules.getOrDefault(ruleId, RuleSettings.DEFAULT);
    }

    public String docsUrl(String ruleId) {
        return docsBaseUrl + "#" + ruleId;
    }
}
