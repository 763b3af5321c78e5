package dev.tokenwarden.auditor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.rules.RuleInfo;

class AuditCliTest {

    private static final String CLEAN = """
            name: ci
            on: push
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-latest
                timeout-minutes: 10
                steps:
                  - uses: actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3 # v4.2.2
                  - run: make test
            """;

    private static final String INJECTABLE = """
            on: issues
            permissions:
              contents: read
            jobs:
              triage:
                runs-on: ubuntu-latest
                timeout-minutes: 5
                steps:
                  - run: echo "${{ github.event.issue.title }}"
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AuditCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path workflow(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void exitsZeroOnACleanRepositoryAndNamesFilesRelativeToIt() throws IOException {
        workflow(".github/workflows/ci.yml", CLEAN);
        workflow("docs/not-a-workflow.yml", "title: docs\n");
        assertThat(run("scan", dir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("1 files scanned, 0 findings, 0 errors\n");
    }

    @Test
    void exitsOneOnFindingsAtOrAboveFailOnAndZeroBelowIt() throws IOException {
        workflow(".github/workflows/triage.yml", INJECTABLE);
        assertThat(run("scan", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains(".github/workflows/triage.yml:9:20: high template-injection:");
        assertThat(run("scan", "--fail-on", "critical", dir.toString())).isZero();
    }

    @Test
    void exitsTwoOnUsageErrors() {
        assertThat(run("scan")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'PATH'");
        assertThat(run("scan", "--format", "xml", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --format 'xml'");
        assertThat(run("scan", "--fail-on", "severe", dir.toString())).isEqualTo(2);
        assertThat(run("scan", dir.resolve("missing.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file or directory");
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void reportsABadFileAndStillScansTheOthers() throws IOException {
        workflow("flows/a-broken.yml", "jobs: [unclosed\n");
        workflow("flows/b-binary.yml", "\u0000\u0001junk");
        workflow("flows/c-triage.yml", INJECTABLE);
        assertThat(run("scan", "--format", "json", dir.resolve("flows").toString())).isEqualTo(2);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.at("/summary/files").asInt()).isEqualTo(3);
        assertThat(report.at("/errors/0/file").asText()).isEqualTo("a-broken.yml");
        assertThat(report.at("/errors/1/message").asText()).isEqualTo("not a text file: NUL byte at offset 0");
        assertThat(report.at("/findings/0/ruleId").asText()).isEqualTo("template-injection");
        assertThat(report.at("/findings/0/fingerprint").asText()).hasSize(64);
        assertThat(err.toString()).contains("a-broken.yml: invalid YAML");
    }

    @Test
    void reportsFilesThatAreNotWorkflowsWithPathAndReasonAndScansTheRest() throws IOException {
        workflow("flows/a-list.yml", "- just\n- a list\n");
        workflow("flows/b-docs.yml", "title: docs\nnav: [index.md]\n");
        workflow("flows/c-tabs.yml", "on: push\njobs:\n\tbuild: {}\n");
        workflow("flows/d-triage.yml", INJECTABLE);
        assertThat(run("scan", dir.resolve("flows").toString())).isEqualTo(2);
        assertThat(out.toString())
                .contains("a-list.yml:1:1: error: not a GitHub Actions workflow: the document is a sequence")
                .contains("b-docs.yml:1:1: error: not a GitHub Actions workflow or action: no 'jobs' mapping")
                .contains("c-tabs.yml:3:1: error: invalid YAML")
                .contains("d-triage.yml:9:20: high template-injection:")
                .contains("4 files scanned, 1 findings (1 high), 3 errors");
    }

    @Test
    void showsSeverityAndConfidenceAndFiltersByPersonaSeverityAndConfidence() throws IOException {
        workflow(".github/workflows/triage.yml", INJECTABLE.replace("    timeout-minutes: 5\n", ""));
        assertThat(run("scan", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("high template-injection:").contains("(confidence: high)")
                .doesNotContain("missing-timeout");
        assertThat(err.toString()).contains("1 findings not shown (persona regular, min-severity info, min-confidence medium)");
        out.getBuffer().setLength(0);
        assertThat(run("scan", "--persona", "pedantic", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("low missing-timeout:").contains("high template-injection:");
        out.getBuffer().setLength(0);
        assertThat(run("scan", "--persona", "auditor", "--min-severity", "medium", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("template-injection").doesNotContain("missing-timeout");
        out.getBuffer().setLength(0);
        assertThat(run("scan", "--persona", "pedantic", "--min-severity", "low", "--min-confidence", "high",
                "--format", "json", dir.toString())).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.at("/findings")).hasSize(2);
        assertThat(report.at("/findings/0/confidence").asText()).isEqualTo("high");
        assertThat(report.at("/summary/byConfidence/high").asInt()).isEqualTo(2);
        assertThat(run("scan", "--min-confidence", "certain", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --min-confidence 'certain' (use low, medium or high)");
        assertThat(run("scan", "--persona", "boss", dir.toString())).isEqualTo(2);
        assertThat(run("scan", "--min-severity", "worst", dir.toString())).isEqualTo(2);
    }

    @Test
    void helpListsTheRulesTheFormatsAndTheExitCodes() {
        assertThat(run("scan", "--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("--persona", "--min-severity", "--min-confidence", "Exit codes:", "Output formats",
                "sarif", "github");
        for (RuleInfo info : RuleCatalogue.standard().infos()) {
            assertThat(help).contains("  " + info.id() + " ");
        }
        assertThat(help).containsPattern("missing-timeout +low +/ high +\\* Job without timeout-minutes");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes of scan:", "template-injection");
    }

    @Test
    void reportsAFileAboveTheLimitWithoutReadingItAll() throws IOException {
        Path big = dir.resolve("big.yml");
        Files.write(big, new byte[10 * 1024 * 1024]);
        assertThat(run("scan", big.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("error: file is 10485760 bytes, above the limit of 1048576 bytes");
    }

    @Test
    void writesGithubAnnotationsToTheOutputFile() throws IOException {
        workflow(".github/workflows/triage.yml", INJECTABLE);
        Path report = dir.resolve("report.txt");
        assertThat(run("scan", "--format", "github", "--output", report.toString(), dir.toString())).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(report)).startsWith(
                "::error file=.github/workflows/triage.yml,line=9,col=20,title=template-injection (severity high; confidence high)::");
    }

    @Test
    void appliesTheConfigurationFile() throws IOException {
        workflow(".github/workflows/triage.yml", INJECTABLE.replace("    timeout-minutes: 5\n", ""));
        Path config = dir.resolve("tokenwarden.yml");
        Files.writeString(config, """
                persona: pedantic
                rules:
                  template-injection:
                    enabled: false
                  missing-timeout:
                    severity: info
                """);
        assertThat(run("scan", "--config", config.toString(), dir.toString())).isZero();
        assertThat(out.toString()).contains("info missing-timeout").doesNotContain("template-injection");
        Files.writeString(config, "rules:\n  no-such-rule:\n    enabled: false\n");
        assertThat(run("scan", "--config", config.toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(":2:3: unknown rule 'no-such-rule'");
        Files.writeString(config, "persona: paranoid\n");
        assertThat(run("scan", "--config", config.toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(":1:10: unknown persona 'paranoid' (use regular, pedantic or auditor)");
    }

    @Test
    void honoursInlineIgnores() throws IOException {
        workflow(".github/workflows/triage.yml", INJECTABLE.replace("      - run: echo",
                "      # tokenwarden: ignore[template-injection]\n      - run: echo"));
        assertThat(run("scan", dir.toString())).isZero();
        assertThat(new String(Files.readAllBytes(dir.resolve(".github/workflows/triage.yml")), StandardCharsets.UTF_8))
                .contains("ignore[template-injection]");
    }
}
