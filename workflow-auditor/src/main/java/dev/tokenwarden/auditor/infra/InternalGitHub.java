package dev.tokenwarden.auditor.infra;

import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.VaultAccessException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * GitHub calls with one of the auditor's internal credentials (from Vault, or a configured literal); a call GitHub
 * refuses with 401 is made once more when Vault holds a newer token. Timeouts, bounded retries, rate-limit waits and
 * the circuit breaker are the platform client's.
 */
public abstract class InternalGitHub {
    private static final int UNAUTHORIZED = 401;

    protected final GitHubClient client;
    private final InternalGitHubToken token;
    private final String rateKey;
    private final String settings;

    /** {@code settings}: the configuration keys that provide the credential, named when it is missing. */
    protected InternalGitHub(GitHubClient client, InternalGitHubToken token, String rateKey, String settings) {
        this.client = client;
        this.token = token;
        this.rateKey = rateKey;
        this.settings = settings;
    }

    /** Whether the credential is there to call GitHub with. */
    public boolean configured() {
        return token.configured();
    }

    /** {@code call} with the current credential, and once more with a newer one when GitHub refused it (401). */
    protected <T> T authenticated(Function<GitHubCredential, T> call) {
        return authenticated(this::credential, call);
    }

    /** {@code call} with the credential {@code credential} gives, and once more with a newer one after a 401. */
    protected <T> T authenticated(Supplier<GitHubCredential> credential, Function<GitHubCredential, T> call) {
        try {
            return call.apply(credential.get());
        } catch (GitHubApiException e) {
            if (e.status() == UNAUTHORIZED && token.renewAfterRejection()) {
                return call.apply(credential.get());
            }
            throw e;
        }
    }

    /** An {@link IllegalStateException}, which the callers answer as "GitHub unavailable", when there is no token. */
    protected GitHubCredential credential() {
        Optional<String> current;
        try {
            current = token.current();
        } catch (VaultAccessException e) {
            throw new IllegalStateException("the " + rateKey + " GitHub credential is not readable from Vault: " + e.getMessage(), e);
        }
        return GitHubCredential.token(current.orElseThrow(() -> new IllegalStateException("neither " + settings + " is configured")), rateKey);
    }
}
