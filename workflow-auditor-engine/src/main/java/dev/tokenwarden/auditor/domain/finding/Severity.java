package dev.tokenwarden.auditor.domain.finding;

import java.util.Optional;

/**
 * How bad a finding is. {@code securitySeverity} follows GitHub code scanning's bands (critical above
 * 9.0, high 7.0 to 8.9, medium 4.0 to 6.9, low 0.1 to 3.9).
 */
public enum Severity {
    INFO("note", "0.0"),
    LOW("note", "3.0"),
    MEDIUM("warning", "5.5"),
    HIGH("error", "8.0"),
    CRITICAL("error", "9.5");

    public final String sarifLevel;
    public final String securitySeverity;

    Severity(String sarifLevel, String securitySeverity) {
        this.sarifLevel = sarifLevel;
        this.securitySeverity = securitySeverity;
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Optional<Severity> parse(String text) {
        return Labels.parse(Severity.class, text);
    }
}
