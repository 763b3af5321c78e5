package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Severity;

/**
 * What a rule is, for the catalogue, {@code docs/rules/}, SARIF rule metadata and {@code GET /rules}:
 * its id, a one-line title, default severity and confidence, why it matters, how to fix it, and a short
 * workflow excerpt that triggers it next to the fixed version. A {@code pedantic} rule reports hygiene
 * rather than an exploitable weakness: the default ({@code regular}) persona does not show it.
 */
public record RuleInfo(String id, String title, Severity severity, Confidence confidence, String description,
                       String remediation, String exampleBad, String exampleFixed, boolean pedantic) {

    /** A rule every persona shows. */
    public RuleInfo(String id, String title, Severity severity, Confidence confidence, String description,
                    String remediation, String exampleBad, String exampleFixed) {
        this(id, title, severity, confidence, description, remediation, exampleBad, exampleFixed, false);
    }
}
