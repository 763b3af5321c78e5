package dev.tokenwarden.auditor.domain.config;

import java.util.Map;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.rules.RuleReference;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;

/**
 * How the engine runs: per-rule settings, the largest file it reads, where the rule pages live (each
 * finding links to {@code docsBaseUrl/rule-id.md}), and which findings a report shows ({@code filter}:
 * the engine finds everything, the command line applies the filter); {@code fixTimeoutMinutes} is what
 * {@code fix} gives a job without {@code timeout-minutes}.
 */
public record AuditConfig(Map<String, RuleSettings> rules, int maxFileBytes, String docsBaseUrl, FindingFilter filter,
                          Optional<Integer> fixTimeoutMinutes) {

    public static final String DEFAULT_DOCS_BASE_URL =
            "https://github.com/tokenwarden/tokenwarden/blob/main/docs/rules";

    public AuditConfig {
        rules = Map.copyOf(rules);
    }

    /** A configuration without a {@code fix-timeout-minutes} (the fixer's default applies). */
    public AuditConfig(Map<String, RuleSettings> rules, int maxFileBytes, String docsBaseUrl, FindingFilter filter) {
        this(rules, maxFileBytes, docsBaseUrl, filter, Optional.empty());
    }

    /** A configuration that leaves the report's filter to its defaults. */
    public AuditConfig(Map<String, RuleSettings> rules, int maxFileBytes, String docsBaseUrl) {
        this(rules, maxFileBytes, docsBaseUrl, FindingFilter.UNSET);
    }

    public static AuditConfig defaults() {
        return new AuditConfig(Map.of(), YamlLimits.DEFAULT_MAX_BYTES, DEFAULT_DOCS_BASE_URL);
    }

    public RuleSettings settings(String ruleId) {
        return rules.getOrDefault(ruleId, RuleSettings.DEFAULT);
    }

    public String docsUrl(String ruleId) {
        return RuleReference.pageUrl(docsBaseUrl, ruleId);
    }
}
