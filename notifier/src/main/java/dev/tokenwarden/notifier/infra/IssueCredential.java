package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The credential GitHub issues are written with: the internal {@code notifier} tier token, from Vault (re-read near
 * its expiry and after GitHub refused it) or a configured literal.
 */
@ApplicationScoped
public class IssueCredential {
    private final InternalGitHubToken token;

    public IssueCredential(InternalGitHubToken token) {
        this.token = token;
    }

    @Produces
    @Singleton
    static InternalGitHubToken notifierToken(NotifierConfig config, KvSecretReader vault, Clock clock) {
        return new InternalGitHubToken(config.github().tokenVaultPath(), config.github().token(), vault, clock);
    }

    /** Empty when no token is configured; the receiver then reports a failure instead of calling GitHub. */
    public Optional<GitHubCredential> current() {
        return token.current().map(t -> GitHubCredential.token(t, "notifier"));
    }

    /** GitHub refused the credential (401): whether Vault now holds a different one, worth one more try. */
    public boolean renewAfterRejection() {
        return token.renewAfterRejection();
    }
}
