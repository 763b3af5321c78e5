package dev.tokenwarden.auditor.domain.report;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Labels;

/** The output formats of a scan report. */
public enum ReportFormat {
    TEXT("one line per finding (severity, rule, message, confidence) with its snippet, then a summary: for people"),
    JSON("the findings (with severity and confidence), errors and a summary as JSON, field names as in audit.findings"),
    SARIF("SARIF 2.1.0 for GitHub code scanning: level from the severity, properties.confidence"),
    GITHUB("GitHub Actions workflow commands, which annotate the run and the pull request");

    /** What the format is, for {@code --help}. */
    public final String summary;

    ReportFormat(String summary) {
        this.summary = summary;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Optional<ReportFormat> parse(String text) {
        return Labels.parse(ReportFormat.class, text);
    }
}
