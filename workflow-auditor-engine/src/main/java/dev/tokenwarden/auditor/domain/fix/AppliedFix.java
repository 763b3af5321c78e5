package dev.tokenwarden.auditor.domain.fix;

/** A fix that was made: the rule whose finding it removes, the finding's line (in the original text), and what changed. */
public record AppliedFix(String ruleId, int line, String description) {
}
