package dev.tokenwarden.auditor.domain.config;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleInfo;

/**
 * Which findings a report shows: a persona and, when set, a lowest severity and a lowest confidence. Each
 * part is optional so that the command line can override the configuration file part by part; what is
 * set nowhere falls back to the persona ({@code regular} by default).
 */
public record FindingFilter(Optional<Persona> persona, Optional<Severity> minSeverity,
                            Optional<Confidence> minConfidence) {

    public static final FindingFilter UNSET = new FindingFilter(Optional.empty(), Optional.empty(), Optional.empty());

    /** This filter with every part {@code override} sets replaced. */
    public FindingFilter overriddenBy(FindingFilter override) {
        return new FindingFilter(override.persona.or(() -> persona), override.minSeverity.or(() -> minSeverity),
                override.minConfidence.or(() -> minConfidence));
    }

    public Persona effectivePersona() {
        return persona.orElse(Persona.REGULAR);
    }

    public Severity effectiveMinSeverity() {
        return minSeverity.orElse(Severity.INFO);
    }

    public Confidence effectiveMinConfidence() {
        return minConfidence.orElse(effectivePersona().defaultMinConfidence);
    }

    public boolean shows(Finding finding, RuleCatalogue catalogue) {
        boolean pedantic = catalogue.find(finding.ruleId()).map(r -> r.info()).map(RuleInfo::pedantic).orElse(false);
        return (!pedantic || effectivePersona().showsPedanticRules)
                && finding.severity().atLeast(effectiveMinSeverity())
                && finding.confidence().atLeast(effectiveMinConfidence());
    }

    /** The result with only the findings this filter shows; errors and the file count are kept. */
    public ScanResult apply(ScanResult result, RuleCatalogue catalogue) {
        List<Finding> shown = result.findings().stream().filter(f -> shows(f, catalogue)).toList();
        return new ScanResult(shown, result.errors(), result.filesScanned());
    }
}
