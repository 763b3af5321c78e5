package dev.tokenwarden.auditor.domain.fix;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.model.Workflow;
import dev.tokenwarden.auditor.domain.model.WorkflowReader;
import dev.tokenwarden.auditor.domain.yaml.SourceText;
import dev.tokenwarden.auditor.domain.yaml.YamlInputException;
import dev.tokenwarden.auditor.domain.yaml.YamlLimits;
import dev.tokenwarden.auditor.domain.yaml.YamlLoader;

/**
 * Fixes what can be fixed mechanically in one workflow file, from the engine's findings for it. Edits are surgical:
 * only the characters a fix must change are replaced, never the document re-serialised, so comments, key order,
 * quoting, indentation and line endings stay. A finding whose edits would overlap another fix's is left unfixed.
 * Thread-safe.
 */
public final class WorkflowFixer {

    private static final List<Fix> FIXES = List.of(
            new PinUsesFix(),
            new AddPermissionsFix(ActionPermissions.bundled()),
            new AddTimeoutFix(),
            new DisablePersistedCredentialsFix(),
            new MoveExpressionToEnvFix(),
            new ExplicitSecretsFix());

    private final FixOptions options;
    private final YamlLoader loader = new YamlLoader(YamlLimits.defaults());

    public WorkflowFixer(FixOptions options) {
        this.options = options;
    }

    /** What each rule's fix does and leaves alone, by rule id, for the generated rule pages. */
    public static Map<String, String> fixSummaries() {
        Map<String, String> summaries = new LinkedHashMap<>();
        FIXES.forEach(f -> summaries.put(f.ruleId(), f.info().summary()));
        return summaries;
    }

    /** The ids of the rules that have a fix, in a stable order. */
    public static Set<String> fixableRules() {
        Set<String> ids = new TreeSet<>();
        FIXES.forEach(f -> ids.add(f.ruleId()));
        return ids;
    }

    /**
     * Fixes {@code findings} (those of other files and of rules without a fix are ignored) in {@code text}, the
     * content of {@code path}. A text that does not parse as a workflow yields no change and every finding
     * unfixable.
     */
    public FixOutcome fix(String path, String text, List<Finding> findings) {
        Map<Fix, List<Finding>> byFix = new LinkedHashMap<>();
        for (Fix fix : FIXES) {
            if (!options.includes(fix.ruleId())) {
                continue;
            }
            List<Finding> mine = findings.stream()
                    .filter(f -> f.file().equals(path) && f.ruleId().equals(fix.ruleId())).toList();
            if (!mine.isEmpty()) {
                byFix.put(fix, mine);
            }
        }
        if (byFix.isEmpty()) {
            return new FixOutcome(path, text, text, List.of(), List.of());
        }
        Workflow workflow;
        try {
            YamlLoader.Loaded loaded = loader.load(path, text.getBytes(StandardCharsets.UTF_8));
            workflow = WorkflowReader.read(loaded.root(), new SourceText(path, text));
        } catch (YamlInputException e) {
            List<UnfixableFinding> all = byFix.values().stream().flatMap(List::stream)
                    .map(f -> new UnfixableFinding(f.ruleId(), f.line(), "the file does not parse: " + e.getMessage()))
                    .toList();
            return new FixOutcome(path, text, text, List.of(), all);
        }
        EditableWorkflow editable = new EditableWorkflow(path, text, workflow);
        List<TextEdit> accepted = new ArrayList<>();
        List<AppliedFix> applied = new ArrayList<>();
        List<UnfixableFinding> unfixable = new ArrayList<>();
        byFix.forEach((fix, mine) -> {
            for (PlannedFix planned : fix.plan(editable, mine, options)) {
                Finding finding = planned.finding();
                switch (planned) {
                    case PlannedFix.Unfixable u -> unfixable.add(new UnfixableFinding(finding.ruleId(), finding.line(), u.reason()));
                    case PlannedFix.Edits e -> {
                        boolean clash = e.edits().stream().anyMatch(edit -> accepted.stream().anyMatch(edit::overlaps));
                        if (!clash) {
                            accepted.addAll(e.edits());
                        }
                        for (Finding fixed : Stream.concat(Stream.of(finding), e.alongside().stream()).toList()) {
                            if (clash) {
                                unfixable.add(new UnfixableFinding(fixed.ruleId(), fixed.line(),
                                        "its edit overlaps another fix in this run; run fix again afterwards"));
                            } else {
                                applied.add(new AppliedFix(fixed.ruleId(), fixed.line(), e.description()));
                            }
                        }
                    }
                }
            }
        });
        return new FixOutcome(path, text, apply(text, accepted), applied, unfixable);
    }

    /** Applies non-overlapping edits in text order; insertions at one place keep the order they came in. */
    private static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(TextEdit::start));
        StringBuilder out = new StringBuilder(text.length() + 256);
        int at = 0;
        for (TextEdit edit : ordered) {
            out.append(text, at, edit.start()).append(edit.replacement());
            at = edit.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
