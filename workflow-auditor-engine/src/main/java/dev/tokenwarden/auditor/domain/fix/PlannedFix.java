package dev.tokenwarden.auditor.domain.fix;

import java.util.List;

import dev.tokenwarden.auditor.domain.finding.Finding;

/** What a {@link Fix} proposes for one finding: the edits and their description, or the reason there are none. */
sealed interface PlannedFix {

    Finding finding();

    /** {@code alongside}: other findings the same edits fix, applied or refused together with {@code finding}. */
    record Edits(Finding finding, List<TextEdit> edits, String description, List<Finding> alongside) implements PlannedFix {
        public Edits {
            edits = List.copyOf(edits);
            alongside = List.copyOf(alongside);
        }

        Edits(Finding finding, List<TextEdit> edits, String description) {
            this(finding, edits, description, List.of());
        }
    }

    record Unfixable(Finding finding, String reason) implements PlannedFix {
    }

    static PlannedFix edits(Finding finding, String description, TextEdit... edits) {
        return new Edits(finding, List.of(edits), description);
    }

    static PlannedFix unfixable(Finding finding, String reason) {
        return new Unfixable(finding, reason);
    }
}
