package dev.tokenwarden.events;

/**
 * One problem found in a workflow. {@code fingerprint} is stable across edits that move the line
 * (rule, file and normalised snippet), so baselines and incidents follow the problem, not its position.
 */
public record AuditFinding(
        String fingerprint,
        String ruleId,
        Severity severity,
        Confidence confidence,
        String repository,
        String ref,
        String commit,
        String file,
        Integer line,
        Integer column,
        String snippet,
        String message,
        String remediation,
        String docsUrl,
        String scanId) {

    public AuditFinding {
        Wire.required(fingerprint, "fingerprint");
        Wire.required(ruleId, "ruleId");
        Wire.required(severity, "severity");
        Wire.required(confidence, "confidence");
        Wire.required(repository, "repository");
        Wire.required(file, "file");
        Wire.required(line, "line");
        Wire.required(column, "column");
        Wire.required(message, "message");
        Wire.required(scanId, "scanId");
    }
}
