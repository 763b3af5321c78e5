package dev.tokenwarden.auditor.domain.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;

/**
 * {@code file:line:column: severity rule-id: message (confidence: c)}, the snippet, then a one-line summary.
 */
final class TextReport {

    private TextReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        for (Finding f : result.findings()) {
            out.write(f.file() + ":" + f.line() + ":" + f.column() + ": " + f.severity().label() + " " + f.ruleId()
                    + ": " + f.message() + " (confidence: " + f.confidence().label() + ")\n");
            out.write("    " + f.snippet() + "\n");
        }
        for (ScanError e : result.errors()) {
            out.write(e.file() + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "") + ": error: " + e.message() + "\n");
        }
        Map<Severity, Long> counts = result.countBySeverity();
        String bySeverity = counts.entrySet().stream()
                .sorted(Map.Entry.<Severity, Long>comparingByKey().reversed())
                .map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
        out.write(result.filesScanned() + " files scanned, " + result.findings().size() + " findings"
                + (bySeverity.isEmpty() ? "" : " (" + bySeverity + ")") + ", " + result.errors().size() + " errors\n");
    }
}
