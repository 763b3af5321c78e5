package dev.tokenwarden.notifier.infra;

import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The credential GitHub issues are written with: the internal {@code notifier} tier token, read when needed. */
@ApplicationScoped
public class IssueCredential {
    private final Optional<String> token;

    public IssueCredential(NotifierConfig config) {
        this.token = config.github().token();
    }

    /** Empty when no token is configured; the receiver then reports a failure instead of calling GitHub. */
    public Optional<GitHubCredential> current() {
        return token.filter(t -> !t.isBlank()).map(t -> GitHubCredential.token(t, "notifier"));
    }
}
