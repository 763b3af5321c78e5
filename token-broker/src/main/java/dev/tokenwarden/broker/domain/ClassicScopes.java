package dev.tokenwarden.broker.domain;

import java.util.Map;
import java.util.Set;

/**
 * GitHub's classic OAuth scope hierarchy: a granted scope fits an allowance when the allowance names it
 * or one of its parents ({@code repo} covers {@code repo:status}; {@code write:packages} covers
 * {@code read:packages}). See docs.github.com "Scopes for OAuth apps".
 */
final class ClassicScopes {
    private static final Map<String, String> PARENT = Map.ofEntries(
            Map.entry("repo:status", "repo"),
            Map.entry("repo_deployment", "repo"),
            Map.entry("public_repo", "repo"),
            Map.entry("repo:invite", "repo"),
            Map.entry("security_events", "repo"),
            Map.entry("read:packages", "write:packages"),
            Map.entry("write:packages", "repo"),
            Map.entry("read:org", "write:org"),
            Map.entry("write:org", "admin:org"),
            Map.entry("read:repo_hook", "write:repo_hook"),
            Map.entry("write:repo_hook", "admin:repo_hook"),
            Map.entry("read:public_key", "write:public_key"),
            Map.entry("write:public_key", "admin:public_key"),
            Map.entry("read:user", "user"),
            Map.entry("user:email", "user"),
            Map.entry("user:follow", "user"));

    private ClassicScopes() {
    }

    static boolean covers(Set<String> allowed, String scope) {
        for (String s = scope; s != null; s = PARENT.get(s)) {
            if (allowed.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
