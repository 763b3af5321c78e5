package dev.tokenwarden.auditor.domain.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import dev.tokenwarden.auditor.domain.yaml.Position;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;

/** The configuration file's rule switches, severities and options, and inline ignore comments. */
class ConfigurationTest {

    private static final String WORKFLOW = """
            on: push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                timeout-minutes: 45
                steps:
                  - uses: actions/checkout@v4
                  - uses: some-org/tool@v1
                  - run: ./release.sh
                    env:
                      KEY: ${{ secrets.RELEASE_SIGNING_KEY }}
            """;

    private final RuleCatalogue catalogue = RuleCatalogue.standard();

    private List<Finding> scan(String config, String workflow) throws YamlInputException {
        AuditConfig auditConfig = new AuditConfigLoader(catalogue).load("tokenwarden.yml", config.getBytes(StandardCharsets.UTF_8));
        ScanResult result = new Engine(catalogue, auditConfig).scan(
                List.of(new InputFile("w.yml", workflow.getBytes(StandardCharsets.UTF_8))));
        return auditConfig.filter().apply(result, catalogue).findings();
    }

    @Test
    void personaAndMinimumsInTheFileChooseWhatIsShown() throws YamlInputException {
        assertThat(scan("persona: auditor\n", WORKFLOW)).extracting(Finding::ruleId)
                .containsExactly("persisted-credentials", "unpinned-uses", "unpinned-uses");
        assertThat(scan("persona: auditor\nmin-confidence: high\nmin-severity: medium\n", WORKFLOW))
                .extracting(Finding::ruleId).containsExactly("unpinned-uses");
        assertThat(scan("persona: pedantic\nrules:\n  missing-timeout:\n    enabled: true\n",
                WORKFLOW.replace("    timeout-minutes: 45\n", ""))).extracting(Finding::ruleId)
                .containsExactly("missing-timeout", "unpinned-uses", "unpinned-uses");
        assertThatThrownBy(() -> scan("min-confidence: sure\n", WORKFLOW))
                .hasMessage("unknown min-confidence 'sure' (use low, medium or high)");
    }

    @Test
    void defaultsReportBothUnpinnedActionsAndNothingElse() throws YamlInputException {
        assertThat(scan("{}", WORKFLOW)).extracting(Finding::ruleId).containsExactly("unpinned-uses", "unpinned-uses");
    }

    @Test
    void optionsChangeWhatRulesReport() throws YamlInputException {
        List<Finding> findings = scan("""
                docs-base-url: https://docs.example.org/rules
                persona: pedantic
                rules:
                  unpinned-uses:
                    allowed-tag-owners: [actions]
                    severity: critical
                  excessive-timeout:
                    max-minutes: 30
                  unprotected-deployment:
                    deployment-secret-words: [release]
                """, WORKFLOW);
        assertThat(findings).extracting(Finding::ruleId, Finding::line)
                .containsExactly(tuple("unprotected-deployment", 5),
                        tuple("excessive-timeout", 7),
                        tuple("unpinned-uses", 10));
        assertThat(findings.get(2).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(findings.get(2).docsUrl()).isEqualTo("https://docs.example.org/rules/unpinned-uses.md");
        assertThat(scan("rules:\n  unpinned-uses:\n    enabled: false\n", WORKFLOW)).isEmpty();
    }

    @Test
    void inlineCommentsIgnoreTheListedRulesOnTheirLineOrTheNext() throws YamlInputException {
        String ignored = WORKFLOW
                .replace("actions/checkout@v4", "actions/checkout@v4 # tokenwarden: ignore[unpinned-uses]")
                .replace("      - uses: some-org/tool@v1", "      # tokenwarden: ignore[missing-timeout, unpinned-uses]\n      - uses: some-org/tool@v1");
        assertThat(scan("{}", ignored)).isEmpty();
        String otherRule = WORKFLOW.replace("actions/checkout@v4", "actions/checkout@v4 # tokenwarden: ignore[template-injection]");
        assertThat(scan("{}", otherRule)).hasSize(2);
    }

    @Test
    void rejectsMistakesWithTheirPosition() {
        assertThatThrownBy(() -> scan("rules:\n  unpinned-uses:\n    severity: severe\n", WORKFLOW))
                .hasMessage("unknown severity 'severe' for rule 'unpinned-uses' (use info, low, medium, high or critical)")
                .satisfies(e -> assertThat(((YamlInputException) e).position()).contains(new Position(3, 15)));
        assertThatThrownBy(() -> scan("rule:\n  x: 1\n", WORKFLOW)).hasMessageStartingWith("unknown configuration key 'rule'");
        assertThatThrownBy(() -> scan("rules:\n  unpinned-uses:\n    enabled: maybe\n", WORKFLOW))
                .hasMessage("unpinned-uses.enabled must be true or false");
        assertThatThrownBy(() -> scan("max-file-bytes: -5\n", WORKFLOW)).hasMessage("max-file-bytes must be a positive whole number");
    }
}
