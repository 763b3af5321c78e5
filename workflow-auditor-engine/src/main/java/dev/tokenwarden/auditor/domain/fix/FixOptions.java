package dev.tokenwarden.auditor.domain.fix;

import java.util.Set;

/**
 * How to fix: {@code rules} limits the fixes to these rule ids (empty: every fixable rule), {@code timeoutMinutes}
 * is the value {@code missing-timeout} adds, {@code tags} pins {@code uses:} and {@code repositoryFiles} reads the
 * local reusable workflows {@code secrets-inherit} needs.
 */
public record FixOptions(Set<String> rules, int timeoutMinutes, TagResolver tags, RepositoryFiles repositoryFiles) {

    public static final int DEFAULT_TIMEOUT_MINUTES = 30;

    public FixOptions {
        rules = Set.copyOf(rules);
        if (timeoutMinutes < 1) {
            throw new IllegalArgumentException("timeout-minutes must be at least 1, got " + timeoutMinutes);
        }
    }

    public static FixOptions defaults() {
        return new FixOptions(Set.of(), DEFAULT_TIMEOUT_MINUTES, TagResolver.NONE, RepositoryFiles.NONE);
    }

    public FixOptions withRules(Set<String> ruleIds) {
        return new FixOptions(ruleIds, timeoutMinutes, tags, repositoryFiles);
    }

    public FixOptions withTimeoutMinutes(int minutes) {
        return new FixOptions(rules, minutes, tags, repositoryFiles);
    }

    public FixOptions withTags(TagResolver resolver) {
        return new FixOptions(rules, timeoutMinutes, resolver, repositoryFiles);
    }

    public FixOptions withRepositoryFiles(RepositoryFiles files) {
        return new FixOptions(rules, timeoutMinutes, tags, files);
    }

    boolean includes(String ruleId) {
        return rules.isEmpty() || rules.contains(ruleId);
    }
}
