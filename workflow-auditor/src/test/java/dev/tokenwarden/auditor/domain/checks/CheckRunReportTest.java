package dev.tokenwarden.auditor.domain.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.platform.github.CheckAnnotation;
import dev.tokenwarden.platform.github.PullRequestFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckRunReportTest {
    private static final String FILE = ".github/workflows/ci.yml";
    private static final ChangedLines WHOLE_FILE = ChangedLines.of(List.of(new PullRequestFile(FILE, "modified", null, null)));

    private static Finding finding(String rule, Severity severity, Confidence confidence, int line) {
        return new Finding(rule, severity, confidence, "what is wrong", FILE, line, 7, "run: echo ${{ x }}", "how to fix it",
                "https://docs.example/rules/" + rule + ".md", Finding.fingerprint(rule, FILE, "line " + line));
    }

    private static ScanResult scan(Finding... findings) {
        return new ScanResult(List.of(findings), List.of(), 1);
    }

    @Test
    void aFindingBecomesAnAnnotationOnItsLineWithItsRuleItsDocsPageAndALevelFromItsSeverity() {
        CheckAnnotation annotation = CheckRunReport.annotation(finding("template-injection", Severity.HIGH, Confidence.MEDIUM, 12));
        assertThat(annotation.path()).isEqualTo(FILE);
        assertThat(annotation.startLine()).isEqualTo(12);
        assertThat(annotation.endLine()).isEqualTo(12);
        assertThat(annotation.level()).isEqualTo("failure");
        assertThat(annotation.title()).isEqualTo("template-injection (severity high; confidence medium)");
        assertThat(annotation.message()).contains("[template-injection] what is wrong", "Fix: how to fix it",
                "https://docs.example/rules/template-injection.md");
        assertThat(annotation.rawDetails()).isEqualTo("run: echo ${{ x }}");
        assertThat(List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)).extracting(CheckRunReport::level)
                .containsExactly("failure", "failure", "warning", "notice", "notice");
    }

    @Test
    void theConclusionFailsOnlyAtOrAboveTheThresholdAndOnlyOnChangedLines() {
        ScanResult medium = scan(finding("missing-timeout", Severity.MEDIUM, Confidence.HIGH, 3));
        assertThat(CheckRunReport.of(medium, WHOLE_FILE, Severity.HIGH).conclusion()).isEqualTo("success");
        assertThat(CheckRunReport.of(medium, WHOLE_FILE, Severity.MEDIUM).conclusion()).isEqualTo("failure");

        ChangedLines lineFive = ChangedLines.of(List.of(new PullRequestFile(FILE, "modified", null, "@@ -5,0 +5,1 @@\n+      - run: make")));
        ScanResult old = scan(finding("template-injection", Severity.CRITICAL, Confidence.HIGH, 9),
                finding("missing-timeout", Severity.LOW, Confidence.HIGH, 5));
        CheckRunReport report = CheckRunReport.of(old, lineFive, Severity.HIGH);
        assertThat(report.conclusion()).as("the critical finding is on a line the pull request does not touch").isEqualTo("success");
        assertThat(report.annotations()).extracting(CheckAnnotation::startLine).containsExactly(5);
        assertThat(report.summary()).contains("1 more finding is on lines of the changed files that this pull request does not touch");
    }

    @Test
    void aFileThatCouldNotBeAuditedFailsTheRunWithAnAnnotation() {
        ScanResult broken = new ScanResult(List.of(), List.of(new ScanError(FILE, "not a mapping", 0, 0)), 1);
        CheckRunReport report = CheckRunReport.of(broken, WHOLE_FILE, Severity.CRITICAL);
        assertThat(report.conclusion()).isEqualTo("failure");
        assertThat(report.annotations()).singleElement().satisfies(a -> {
            assertThat(a.startLine()).isEqualTo(1);
            assertThat(a.message()).contains("not a mapping");
        });
    }

    @Test
    void theSummaryTabulatesRuleSeverityConfidenceAndCountMostSevereFirst() {
        CheckRunReport report = CheckRunReport.of(scan(finding("missing-timeout", Severity.LOW, Confidence.HIGH, 3),
                finding("template-injection", Severity.HIGH, Confidence.HIGH, 9), finding("template-injection", Severity.HIGH, Confidence.HIGH, 12)),
                WHOLE_FILE, Severity.HIGH);
        assertThat(report.title()).isEqualTo("3 findings on the changed lines");
        assertThat(report.summary()).startsWith("**Failure**: 3 findings").contains("""
                | Rule | Severity | Confidence | Count |
                |---|---|---|---|
                | [template-injection](https://docs.example/rules/template-injection.md) | high | high | 2 |
                | [missing-timeout](https://docs.example/rules/missing-timeout.md) | low | high | 1 |
                """);
        assertThat(CheckRunReport.of(scan(), WHOLE_FILE, Severity.HIGH).summary()).startsWith("**Success**: no finding").doesNotContain("| Rule |");
    }

    @Test
    void moreThanFiftyAnnotationsGoInBatchesOfFiftyAndNoneInOneEmptyBatch() {
        List<Finding> many = new ArrayList<>();
        IntStream.rangeClosed(1, 121).forEach(line -> many.add(finding("unpinned-uses", Severity.MEDIUM, Confidence.HIGH, line)));
        CheckRunReport report = CheckRunReport.of(new ScanResult(many, List.of(), 1), WHOLE_FILE, Severity.HIGH);
        assertThat(report.batches()).extracting(List::size).containsExactly(50, 50, 21);
        assertThat(report.batches().stream().flatMap(List::stream).toList()).isEqualTo(report.annotations());
        assertThat(CheckRunReport.of(scan(), WHOLE_FILE, Severity.HIGH).batches()).containsExactly(List.of());
    }

    @Test
    void theDigestNamesTheAnnotations() {
        Finding one = finding("template-injection", Severity.HIGH, Confidence.HIGH, 9);
        Finding other = finding("template-injection", Severity.HIGH, Confidence.HIGH, 10);
        assertThat(CheckRunReport.of(scan(one), WHOLE_FILE, Severity.HIGH).digest())
                .isEqualTo(CheckRunReport.of(scan(one), WHOLE_FILE, Severity.LOW).digest())
                .isNotEqualTo(CheckRunReport.of(scan(other), WHOLE_FILE, Severity.HIGH).digest());
    }
}
