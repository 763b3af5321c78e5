package dev.tokenwarden.auditor.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

class SarifReportTest {

    private static final String WORKFLOW = """
            on: pull_request_target
            permissions: write-all
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: echo "${{ github.head_ref }}"
            """;

    private final RuleCatalogue catalogue = RuleCatalogue.standard();

    private JsonNode sarif(ScanResult result) throws Exception {
        StringWriter out = new StringWriter();
        new Reports(catalogue, AuditConfig.DEFAULT_DOCS_BASE_URL, "1.2.3").write(result, ReportFormat.SARIF, out);
        return JsonReport.MAPPER.readTree(out.toString());
    }

    private static Set<ValidationMessage> validate(JsonNode sarif) throws Exception {
        try (InputStream schema = SarifReportTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
            return validator.validate(sarif);
        }
    }

    @Test
    void producesSchemaValidSarifWithWhatCodeScanningReads() throws Exception {
        Engine engine = new Engine(catalogue, AuditConfig.defaults());
        ScanResult result = engine.scan(List.of(
                new InputFile(".github/workflows/build.yml", WORKFLOW.getBytes(StandardCharsets.UTF_8)),
                new InputFile(".github/workflows/broken.yml", "jobs: [\n".getBytes(StandardCharsets.UTF_8))));
        JsonNode sarif = sarif(result);

        assertThat(validate(sarif)).isEmpty();
        JsonNode run = sarif.at("/runs/0");
        assertThat(run.at("/tool/driver/rules")).hasSize(catalogue.rules().size());
        JsonNode rule = run.at("/tool/driver/rules/0");
        assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("5.5");
        assertThat(rule.at("/help/text").asText()).contains("Fix: ");
        assertThat(rule.at("/helpUri").asText()).endsWith("/docs/rules/missing-permissions.md");
        JsonNode first = run.at("/results/0");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo(".github/workflows/build.yml");
        assertThat(first.at("/partialFingerprints/tokenwarden~1v1").asText()).hasSize(64);
        Finding finding = result.findings().getFirst();
        assertThat(first.at("/level").asText()).isEqualTo(finding.severity().sarifLevel);
        assertThat(first.at("/properties/severity").asText()).isEqualTo(finding.severity().label());
        assertThat(first.at("/properties/confidence").asText()).isEqualTo(finding.confidence().label());
        assertThat(run.at("/results")).hasSize(result.findings().size());
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/message/text").asText()).startsWith("invalid YAML");
    }

    @Test
    void schemaCheckRejectsABrokenLog() throws Exception {
        JsonNode sarif = sarif(new ScanResult(List.of(), List.of(), 0));
        assertThat(validate(sarif)).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).put("version", "2.0.0");
        assertThat(validate(sarif)).isNotEmpty();
    }
}
