package dev.tokenwarden.auditor.domain.checks;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanError;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleReference;
import dev.tokenwarden.platform.github.CheckAnnotation;
import dev.tokenwarden.platform.github.CheckRunUpdate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pull request's check run says about a scan: one annotation per finding on a line the pull request adds or
 * changes (and one per file that could not be audited), a conclusion of {@code failure} when one of those findings
 * is at or above the failure threshold or a file could not be audited, else {@code success}, and a summary table of
 * the annotated findings by rule, severity and confidence. Findings on lines the pull request does not touch are
 * counted in the summary but neither annotated nor allowed to decide the conclusion: they are not its doing.
 * {@code digest} identifies the annotations, so a re-scan of the same head can tell whether the run already has them.
 */
public record CheckRunReport(String conclusion, String title, String summary, List<CheckAnnotation> annotations, String digest) {
    /** GitHub's limits on an annotation's title and message/raw details. */
    static final int MAX_TITLE = 255;
    static final int MAX_TEXT = 64 * 1024 - 1;

    public CheckRunReport {
        annotations = List.copyOf(annotations);
    }

    public static CheckRunReport of(ScanResult result, ChangedLines changed, Severity failOn) {
        List<Finding> annotated = result.findings().stream().filter(f -> changed.contains(f.file(), Math.max(1, f.line())))
                .sorted(Comparator.comparing(Finding::file).thenComparingInt(Finding::line).thenComparing(Finding::ruleId)).toList();
        List<CheckAnnotation> annotations = new ArrayList<>(annotated.stream().map(CheckRunReport::annotation).toList());
        result.errors().forEach(error -> annotations.add(annotation(error)));
        boolean failing = !result.errors().isEmpty() || annotated.stream().anyMatch(f -> f.severity().atLeast(failOn));
        int elsewhere = result.findings().size() - annotated.size();
        String title = annotated.isEmpty() ? "No findings on the changed lines" : annotated.size() + (annotated.size() == 1 ? " finding" : " findings")
                + " on the changed lines";
        return new CheckRunReport(failing ? "failure" : "success", title, summary(annotated, elsewhere, result.errors(), failOn, failing),
                annotations, digest(annotations));
    }

    /** The report on a pull request that changes no workflow or action file. */
    public static CheckRunReport nothingToAudit() {
        return new CheckRunReport("success", "No workflow or action file changed",
                "This pull request adds or modifies no workflow (`.github/workflows/*.yml`) or action metadata (`action.yml`) file.",
                List.of(), digest(List.of()));
    }

    /**
     * The annotations in requests GitHub takes, at most {@link CheckRunUpdate#MAX_ANNOTATIONS} each; a report
     * without annotations is one empty batch, so that there is always a request to carry the output.
     */
    public List<List<CheckAnnotation>> batches() {
        List<List<CheckAnnotation>> batches = new ArrayList<>();
        for (int from = 0; from < annotations.size(); from += CheckRunUpdate.MAX_ANNOTATIONS) {
            batches.add(annotations.subList(from, Math.min(annotations.size(), from + CheckRunUpdate.MAX_ANNOTATIONS)));
        }
        return batches.isEmpty() ? List.of(List.of()) : batches;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "failure";
            case MEDIUM -> "warning";
            case LOW, INFO -> "notice";
        };
    }

    static CheckAnnotation annotation(Finding f) {
        int line = Math.max(1, f.line());
        String title = f.ruleId() + " (severity " + f.severity().label() + "; confidence " + f.confidence().label() + ")";
        String message = "[" + f.ruleId() + "] " + f.message() + "\nFix: " + f.remediation() + "\nRule: " + docsUrl(f);
        return new CheckAnnotation(f.file(), line, line, level(f.severity()), cut(title, MAX_TITLE), cut(message, MAX_TEXT), cut(f.snippet(), MAX_TEXT));
    }

    private static CheckAnnotation annotation(ScanError e) {
        int line = Math.max(1, e.line());
        return new CheckAnnotation(e.file(), line, line, "failure", "not audited", cut("This file could not be audited: " + e.message(), MAX_TEXT), null);
    }

    private static String summary(List<Finding> annotated, int elsewhere, List<ScanError> errors, Severity failOn, boolean failing) {
        StringBuilder out = new StringBuilder();
        out.append(failing ? "**Failure**: " : "**Success**: ")
                .append(annotated.isEmpty() ? "no finding" : annotated.size() + (annotated.size() == 1 ? " finding" : " findings"))
                .append(" on the lines this pull request adds or changes; the threshold is `").append(failOn.label()).append("`.\n");
        if (!errors.isEmpty()) {
            out.append("\n").append(errors.size()).append(errors.size() == 1 ? " file" : " files").append(" could not be audited (see the annotations).\n");
        }
        if (!annotated.isEmpty()) {
            record Row(String rule, Severity severity, Confidence confidence, String docsUrl) {
            }
            Map<Row, Integer> counts = new TreeMap<>(Comparator.comparing(Row::severity).reversed().thenComparing(Row::rule)
                    .thenComparing(Row::confidence, Comparator.reverseOrder()));
            annotated.forEach(f -> counts.merge(new Row(f.ruleId(), f.severity(), f.confidence(), docsUrl(f)), 1, Integer::sum));
            out.append("\n| Rule | Severity | Confidence | Count |\n|---|---|---|---|\n");
            counts.forEach((row, count) -> out.append("| [").append(row.rule()).append("](").append(row.docsUrl()).append(") | ")
                    .append(row.severity().label()).append(" | ").append(row.confidence().label()).append(" | ").append(count).append(" |\n"));
        }
        if (elsewhere > 0) {
            out.append("\n").append(elsewhere).append(elsewhere == 1 ? " more finding is" : " more findings are")
                    .append(" on lines of the changed files that this pull request does not touch; they do not decide the conclusion.\n");
        }
        return out.toString();
    }

    private static String docsUrl(Finding f) {
        return f.docsUrl() != null ? f.docsUrl() : RuleReference.pageUrl(AuditConfig.DEFAULT_DOCS_BASE_URL, f.ruleId());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static String digest(List<CheckAnnotation> annotations) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (CheckAnnotation a : annotations) {
                sha256.update((a.path() + "\n" + a.startLine() + "\n" + a.level() + "\n" + a.title() + "\n" + a.message() + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
