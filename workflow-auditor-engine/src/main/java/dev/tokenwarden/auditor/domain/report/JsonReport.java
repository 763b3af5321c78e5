package dev.tokenwarden.auditor.domain.report;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;

/** The scan as JSON: {@code findings}, {@code errors} and {@code summary}. */
final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            findings.addObject()
                    .put("ruleId", f.ruleId())
                    .put("severity", f.severity().label())
                    .put("confidence", f.confidence().label())
                    .put("message", f.message())
                    .put("file", f.file())
                    .put("line", f.line())
                    .put("column", f.column())
                    .put("snippet", f.snippet())
                    .put("remediation", f.remediation())
                    .put("docsUrl", f.docsUrl())
                    .put("fingerprint", f.fingerprint());
        }
        ArrayNode errors = root.putArray("errors");
        for (ScanError e : result.errors()) {
            errors.addObject().put("file", e.file()).put("message", e.message()).put("line", e.line())
                    .put("column", e.column());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", result.filesScanned());
        summary.put("findings", result.findings().size());
        summary.put("errors", result.errors().size());
        ObjectNode bySeverity = summary.putObject("bySeverity");
        result.countBySeverity().forEach((severity, count) -> bySeverity.put(severity.label(), count));
        ObjectNode byConfidence = summary.putObject("byConfidence");
        result.countByConfidence().forEach((confidence, count) -> byConfidence.put(confidence.label(), count));
        MAPPER.writeValue(new NonClosingWriter(out), root);
        out.write("\n");
    }
}
