package dev.tokenwarden.auditor.domain.config;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Severity;
import dev.tokenwarden.auditor.domain.rules.RuleOptions;

/** One rule's configuration: on or off, a severity that replaces the rule's own, and its options. */
public record RuleSettings(boolean enabled, Optional<Severity> severity, RuleOptions options) {

    public static final RuleSettings DEFAULT = new RuleSettings(true, Optional.empty(), RuleOptions.NONE);
}
