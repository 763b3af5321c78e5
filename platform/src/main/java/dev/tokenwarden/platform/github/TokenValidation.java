package dev.tokenwarden.platform.github;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What GitHub says about a token it accepted: whose it is, the classic OAuth scopes ({@code X-OAuth-Scopes};
 * {@code classicScopes} is empty when GitHub sent no such header, as for fine-grained tokens) and its expiry
 * ({@code GitHub-Authentication-Token-Expiration}; empty for a token without one).
 */
public record TokenValidation(String login, boolean scopesReported, Set<String> classicScopes, Optional<Instant> expiresAt) {
    public TokenValidation {
        classicScopes = Set.copyOf(classicScopes);
    }
}
