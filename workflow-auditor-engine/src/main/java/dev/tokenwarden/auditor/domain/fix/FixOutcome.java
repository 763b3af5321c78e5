package dev.tokenwarden.auditor.domain.fix;

import java.util.List;

/**
 * What fixing one file produced: the new text (equal to the original when nothing was fixed), the fixes made
 * and the findings that could not be fixed safely. Every fix is whole: a finding is either in {@code applied}
 * with all its edits in {@code newText}, or in {@code unfixable} with none of them.
 */
public record FixOutcome(String path, String originalText, String newText, List<AppliedFix> applied,
                         List<UnfixableFinding> unfixable) {

    public FixOutcome {
        applied = List.copyOf(applied);
        unfixable = List.copyOf(unfixable);
    }

    public boolean changed() {
        return !originalText.equals(newText);
    }

    /** The unified diff of the change, empty when nothing changed. */
    public String diff() {
        return UnifiedDiff.render(path, originalText, newText);
    }
}
