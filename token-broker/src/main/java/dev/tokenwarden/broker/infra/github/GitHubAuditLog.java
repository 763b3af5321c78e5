package dev.tokenwarden.broker.infra.github;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.AuditLog;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.platform.github.AuditLogPage;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.platform.vault.KvSecretReader;
import dev.tokenwarden.platform.vault.VaultAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * The organisation audit log through the platform's {@link GitHubClient} (timeouts, bounded retries, rate-limit
 * waits, circuit breaker), with the internal {@code auditor} credential read from Vault as the auditor reads it
 * (cached, read again near its expiry and once after GitHub refused it).
 */
@ApplicationScoped
public class GitHubAuditLog implements AuditLog {
    /** The rate key of the poller's observations: the auditor credential's, shared with the auditor service. */
    static final String RATE_KEY = "auditor";
    private static final int UNAUTHORIZED = 401;

    private final GitHubClient client;
    private final InternalGitHubToken token;

    @Inject
    public GitHubAuditLog(GitHubClient client, KvSecretReader vault, Clock clock, BrokerConfig config) {
        this(client, new InternalGitHubToken(config.usage().githubTokenVaultPath(), config.usage().githubToken(), vault, clock));
    }

    public GitHubAuditLog(GitHubClient client, InternalGitHubToken token) {
        this.client = client;
        this.token = token;
    }

    public boolean configured() {
        return token.configured();
    }

    @Override
    public Page page(String org, Optional<String> after) {
        try {
            AuditLogPage page;
            try {
                page = client.getAuditLogPage(credential(), org, after);
            } catch (GitHubApiException e) {
                if (e.status() != UNAUTHORIZED || !token.renewAfterRejection()) {
                    throw e;
                }
                page = client.getAuditLogPage(credential(), org, after);
            }
            return new Page(page.events().stream()
                    .map(e -> new Event(e.documentId(), e.at(), e.action(), e.actor(), e.repository().orElse(null), e.actorIp().orElse(null),
                            e.hashedToken().orElse(null)))
                    .toList(), page.nextAfter());
        } catch (GitHubException e) {
            throw new BrokerFailure("reading the audit log of " + org + " failed: " + e.getMessage(), true, e);
        } catch (VaultAccessException e) {
            throw new BrokerFailure("the auditor credential for the audit log is not readable from Vault: " + e.getMessage(), true, e);
        }
    }

    private GitHubCredential credential() {
        return GitHubCredential.token(token.current().orElseThrow(() -> new BrokerFailure(
                "neither tokenwarden.broker.usage.github-token-vault-path nor tokenwarden.broker.usage.github-token is configured", false)),
                RATE_KEY);
    }
}
