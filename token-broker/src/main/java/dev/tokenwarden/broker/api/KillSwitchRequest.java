package dev.tokenwarden.broker.api;

import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.platform.api.ProblemException;

/** Which live credentials to revoke: every one matching all the given fields (at least one). */
public record KillSwitchRequest(String repository, String tier, String consumer, String reason) {
    /** A kill switch that would match everything, or has no reason to record, is refused. */
    void check() {
        if (blank(repository) && blank(tier) && blank(consumer)) {
            throw ProblemException.invalidField("repository", "name a repository, a tier or a consumer; the kill switch never matches everything");
        }
        if (blank(reason)) {
            throw ProblemException.invalidField("reason", "say why, for the record on operator.actions");
        }
    }

    boolean matches(LedgerEntry entry) {
        return (blank(repository) || entry.repositories().contains(repository))
                && (blank(tier) || entry.tier().equals(tier))
                && (blank(consumer) || entry.consumer().equals(consumer));
    }

    String target() {
        StringBuilder target = new StringBuilder();
        if (!blank(repository)) {
            target.append("repository=").append(repository).append(' ');
        }
        if (!blank(tier)) {
            target.append("tier=").append(tier).append(' ');
        }
        if (!blank(consumer)) {
            target.append("consumer=").append(consumer);
        }
        return target.toString().trim();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
