package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;

/**
 * What a rule is, for the catalogue, {@code docs/rules.md}, SARIF rule metadata and {@code GET /rules}:
 * its id, a one-line title, default severity and confidence, why it matters, how to fix it, and a short
 * workflow excerpt that triggers it next to the fixed version.
 */
public record RuleInfo(String id, String title, Severity severity, Confidence confidence, String description,
                       String remediation, String exampleBad, String exampleFixed) {
}
