package dev.tokenwarden.auditor.domain.proposal;

import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.fix.AppliedFix;
import dev.tokenwarden.auditor.domain.fix.FixOutcome;
import dev.tokenwarden.auditor.domain.fix.FixVerification;
import dev.tokenwarden.auditor.domain.fix.UnfixableFinding;
import dev.tokenwarden.auditor.domain.fix.WorkflowFixer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fixes one repository's workflows get at one base commit: every file the fixer changed and whose change holds
 * when re-scanned ({@link FixVerification}), the fixes made and the findings left with the reason. A file whose fix
 * does not hold is left as it was and its fixes are reported as unfixable, so nothing is half-applied. It also
 * names the branch, commit and pull request that carry the change; the branch name derives from the base commit
 * and the changed files, so proposing the same change again names the same branch.
 */
public final class FixProposal {
    /** Branches the auditor creates start with this; the rest is {@link #SHORT_ID_LENGTH} hex digits. */
    public static final String BRANCH_PREFIX = "tokenwarden/fix-";
    private static final int SHORT_ID_LENGTH = 12;

    /** A fix made in {@code path}. */
    public record Fixed(String path, String ruleId, int line, String description) {
    }

    /** A finding of a fixable rule in {@code path} left as it is, and why. */
    public record Unfixed(String path, String ruleId, int line, String reason) {
    }

    private final Map<String, String> changedFiles;
    private final List<Fixed> fixes;
    private final List<Unfixed> unfixable;
    private final String diff;

    private FixProposal(Map<String, String> changedFiles, List<Fixed> fixes, List<Unfixed> unfixable, String diff) {
        this.changedFiles = changedFiles;
        this.fixes = fixes;
        this.unfixable = unfixable;
        this.diff = diff;
    }

    /** Fixes {@code result}'s findings in {@code files} (the scan {@code result} came from), keeping only the fixes that hold. */
    public static FixProposal plan(Engine engine, WorkflowFixer fixer, List<InputFile> files, ScanResult result) {
        Map<String, String> changed = new TreeMap<>();
        List<Fixed> fixes = new ArrayList<>();
        List<Unfixed> unfixable = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        for (InputFile file : files) {
            String text = new String(file.content(), StandardCharsets.UTF_8);
            FixOutcome outcome = fixer.fix(file.path(), text, result.findings());
            outcome.unfixable().forEach(u -> unfixable.add(unfixed(file.path(), u)));
            Optional<String> broken = FixVerification.verify(engine, files, outcome);
            if (broken.isPresent()) {
                outcome.applied().forEach(a -> unfixable.add(new Unfixed(file.path(), a.ruleId(), a.line(),
                        "the fix was not kept: " + broken.get())));
                continue;
            }
            if (outcome.changed()) {
                changed.put(file.path(), outcome.newText());
                outcome.applied().forEach(a -> fixes.add(fixed(file.path(), a)));
                diff.append(outcome.diff());
            }
        }
        return new FixProposal(changed, List.copyOf(fixes), List.copyOf(unfixable), diff.toString());
    }

    private static Fixed fixed(String path, AppliedFix fix) {
        return new Fixed(path, fix.ruleId(), fix.line(), fix.description());
    }

    private static Unfixed unfixed(String path, UnfixableFinding finding) {
        return new Unfixed(path, finding.ruleId(), finding.line(), finding.reason());
    }

    /** True when no file changes: there is nothing to commit. */
    public boolean empty() {
        return changedFiles.isEmpty();
    }

    /** The new content of every changed file, by path. */
    public Map<String, String> changedFiles() {
        return Map.copyOf(changedFiles);
    }

    public List<Fixed> fixes() {
        return fixes;
    }

    public List<Unfixed> unfixable() {
        return unfixable;
    }

    /** The unified diff of every changed file, empty when none changes. */
    public String diff() {
        return diff;
    }

    /** How many fixes each rule got, by rule id. */
    public Map<String, Integer> fixesByRule() {
        Map<String, Integer> counts = new TreeMap<>();
        fixes.forEach(f -> counts.merge(f.ruleId(), 1, Integer::sum));
        return counts;
    }

    /** {@code tokenwarden/fix-<id>}, the id a digest of {@code baseCommit} and the changed files' paths and contents. */
    public String branchName(String baseCommit) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(baseCommit.getBytes(StandardCharsets.UTF_8));
            changedFiles.forEach((path, text) -> {
                digest.update((byte) 0);
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
            });
            return BRANCH_PREFIX + HexFormat.of().formatHex(digest.digest()).substring(0, SHORT_ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public String title() {
        int count = fixes.size();
        return "tokenwarden: fix " + count + " workflow finding" + (count == 1 ? "" : "s") + " (" + String.join(", ", fixesByRule().keySet()) + ")";
    }

    public String commitMessage() {
        StringBuilder message = new StringBuilder(title()).append("\n\n");
        fixes.forEach(f -> message.append("- ").append(f.path()).append(':').append(f.line()).append(' ').append(f.ruleId())
                .append(": ").append(f.description()).append('\n'));
        return message.toString();
    }

    /** The pull request's description: every fix with its reason, and every finding left as it is with why. */
    public String pullRequestBody(String baseBranch, String baseCommit) {
        StringBuilder body = new StringBuilder()
                .append("The tokenwarden workflow auditor fixed these findings in `").append(baseBranch).append("` at ")
                .append(baseCommit, 0, Math.min(12, baseCommit.length())).append(". Each edit changes only the bytes it must; ")
                .append("every changed file was scanned again and the fixed rules no longer report it.\n\n")
                .append("### Fixes\n\n| file | line | rule | what changed |\n|---|---|---|---|\n");
        fixes.forEach(f -> body.append("| `").append(f.path()).append("` | ").append(f.line()).append(" | `").append(f.ruleId())
                .append("` | ").append(cell(f.description())).append(" |\n"));
        if (!unfixable.isEmpty()) {
            body.append("\n### Not fixed\n\nThese findings have a fix in general, but not a safe one here:\n\n")
                    .append("| file | line | rule | why not |\n|---|---|---|---|\n");
            unfixable.forEach(u -> body.append("| `").append(u.path()).append("` | ").append(u.line()).append(" | `").append(u.ruleId())
                    .append("` | ").append(cell(u.reason())).append(" |\n"));
        }
        return body.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
