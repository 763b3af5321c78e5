package dev.tokenwarden.auditor.domain.report;

import java.io.IOException;
import java.io.Writer;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/**
 * GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), so a run of the CLI in a
 * workflow annotates the files: high and critical as errors, medium as warnings, the rest as notices; the
 * title names the rule, the severity and the confidence.
 */
final class GithubReport {

    private GithubReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        for (Finding f : result.findings()) {
            String command = switch (f.severity()) {
                case CRITICAL, HIGH -> "error";
                case MEDIUM -> "warning";
                case LOW, INFO -> "notice";
            };
            out.write("::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                    + ",title=" + property(f.ruleId() + " (severity " + f.severity().label() + "; confidence "
                    + f.confidence().label() + ")") + "::"
                    + data(f.message() + ". " + f.remediation()) + "\n");
        }
        for (ScanError e : result.errors()) {
            out.write("::error file=" + property(e.file()) + (e.line() > 0 ? ",line=" + e.line() : "")
                    + ",title=tokenwarden-audit::" + data(e.message()) + "\n");
        }
    }

    /** Escaping of a command's message, as the runner's toolkit does it. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of a command property value, which also may not contain ':' or ','. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
