package dev.tokenwarden.auditor.domain.report;

import java.util.Optional;

/** The output formats of a scan report. */
public enum ReportFormat {
    /** One line per finding with its snippet, then a summary: for people. */
    TEXT,
    /** The findings and errors as JSON, field names as in {@code audit.findings}. */
    JSON,
    /** SARIF 2.1.0 for GitHub code scanning. */
    SARIF,
    /** GitHub Actions workflow commands, which annotate the run and the pull request. */
    GITHUB;

    public static Optional<ReportFormat> parse(String text) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
