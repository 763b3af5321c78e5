package dev.tokenwarden.console.domain;

import dev.tokenwarden.events.Severity;
import java.util.Locale;

/** The findings page's filters: repository (substring, any case), rule (exact), and the lowest severity shown. */
public record FindingFilter(String repository, String rule, Severity atLeast) {
    public static final FindingFilter ALL = new FindingFilter(null, null, null);

    public FindingFilter {
        repository = CredentialFilter.blankToNull(repository) == null ? null : repository.strip().toLowerCase(Locale.ROOT);
        rule = CredentialFilter.blankToNull(rule);
    }

    boolean matchesRepository(String name) {
        return repository == null || name.toLowerCase(Locale.ROOT).contains(repository);
    }

    boolean matches(FindingLine finding) {
        return (rule == null || rule.equals(finding.ruleId())) && (atLeast == null || finding.severity().atLeast(atLeast));
    }
}
