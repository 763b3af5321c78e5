package dev.tokenwarden.auditor.domain.report;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleInfo;
import dev.tokenwarden.auditor.domain.rules.RuleReference;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: every rule with help text and
 * {@code properties.security-severity}, results with URIs relative to the scanned root
 * ({@code uriBaseId: %SRCROOT%}), {@code level} from the severity, the severity and confidence under
 * {@code properties}, and our fingerprint under {@code partialFingerprints}; files that
 * could not be read become tool execution notifications.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String FINGERPRINT_KEY = "tokenwarden/v1";

    private final RuleCatalogue catalogue;
    private final String docsBaseUrl;
    private final String toolVersion;

    SarifReport(RuleCatalogue catalogue, String docsBaseUrl, String toolVersion) {
        this.catalogue = catalogue;
        this.docsBaseUrl = docsBaseUrl;
        this.toolVersion = toolVersion;
    }

    void write(ScanResult result, Writer out) throws IOException {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "tokenwarden-audit");
        driver.put("semanticVersion", toolVersion);
        driver.put("informationUri", docsBaseUrl);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        List<RuleInfo> infos = catalogue.infos();
        for (RuleInfo info : infos) {
            ruleIndex.put(info.id(), ruleIndex.size());
            rules.add(rule(info));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : result.findings()) {
            ObjectNode r = results.addObject();
            r.put("ruleId", f.ruleId());
            r.put("ruleIndex", ruleIndex.getOrDefault(f.ruleId(), -1));
            r.put("level", f.severity().sarifLevel);
            r.putObject("message").put("text", f.message());
            ObjectNode location = r.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation").put("uri", f.file()).put("uriBaseId", "%SRCROOT%");
            ObjectNode region = location.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
            region.putObject("snippet").put("text", f.snippet());
            r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
            r.putObject("properties")
                    .put("security-severity", f.severity().securitySeverity)
                    .put("severity", f.severity().label())
                    .put("confidence", f.confidence().label());
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", result.errors().isEmpty());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (ScanError e : result.errors()) {
            ObjectNode n = notifications.addObject();
            n.put("level", "error");
            n.putObject("message").put("text", e.message());
            ObjectNode physical = n.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", e.file()).put("uriBaseId", "%SRCROOT%");
            if (e.line() > 0) {
                physical.putObject("region").put("startLine", e.line()).put("startColumn", Math.max(1, e.column()));
            }
        }
        JsonReport.MAPPER.writeValue(new NonClosingWriter(out), root);
        out.write("\n");
    }

    private ObjectNode rule(RuleInfo info) {
        ObjectNode rule = JsonReport.MAPPER.createObjectNode();
        rule.put("id", info.id());
        rule.put("name", info.id());
        rule.putObject("shortDescription").put("text", info.title());
        rule.putObject("fullDescription").put("text", info.description());
        rule.put("helpUri", RuleReference.pageUrl(docsBaseUrl, info.id()));
        String markdown = info.description() + "\n\n**Fix:** " + info.remediation()
                + "\n\nExample:\n\n```yaml\n" + info.exampleBad() + "```\n\nFixed:\n\n```yaml\n" + info.exampleFixed() + "```\n";
        rule.putObject("help").put("text", info.description() + "\n\nFix: " + info.remediation()).put("markdown", markdown);
        rule.putObject("defaultConfiguration").put("level", info.severity().sarifLevel);
        ObjectNode properties = rule.putObject("properties");
        properties.put("security-severity", info.severity().securitySeverity);
        properties.put("precision", info.confidence().label());
        properties.putArray("tags").add("security").add("github-actions");
        return rule;
    }
}
