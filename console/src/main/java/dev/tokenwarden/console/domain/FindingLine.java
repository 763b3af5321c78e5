package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.Severity;

/** A finding as the findings page shows it. */
public record FindingLine(String repository, String ruleId, Severity severity, String file, int line, String message,
        String docsUrl, String fingerprint) {

    static FindingLine of(AuditFinding finding) {
        return new FindingLine(finding.repository(), finding.ruleId(), finding.severity(), finding.file(), finding.line(),
                finding.message(), finding.docsUrl(), finding.fingerprint());
    }

    public String severityId() {
        return severity.name().toLowerCase(java.util.Locale.ROOT);
    }
}
