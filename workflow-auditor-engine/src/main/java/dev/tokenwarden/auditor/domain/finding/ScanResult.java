package dev.tokenwarden.auditor.domain.finding;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one scan produced: the findings, the files it could not read, and how many files it audited. */
public record ScanResult(List<Finding> findings, List<ScanError> errors, int filesScanned) {

    public ScanResult {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    public boolean hasFindingsAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public Map<Severity, Long> countBySeverity() {
        Map<Severity, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    public Map<Confidence, Long> countByConfidence() {
        Map<Confidence, Long> counts = new TreeMap<>();
        findings.forEach(f -> counts.merge(f.confidence(), 1L, Long::sum));
        return counts;
    }
}
