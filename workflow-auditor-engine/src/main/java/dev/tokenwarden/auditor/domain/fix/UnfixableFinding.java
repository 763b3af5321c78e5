package dev.tokenwarden.auditor.domain.fix;

/** A finding of a fixable rule that was left as it is, with the reason no safe fix could be made. */
public record UnfixableFinding(String ruleId, int line, String reason) {
}
