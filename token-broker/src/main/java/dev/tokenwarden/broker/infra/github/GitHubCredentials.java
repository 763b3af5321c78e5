package dev.tokenwarden.broker.infra.github;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialMinter;
import dev.tokenwarden.broker.domain.CredentialVerifier;
import dev.tokenwarden.broker.domain.MintedCredential;
import dev.tokenwarden.broker.domain.Revoker;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.github.GitHubRateLimitedException;
import dev.tokenwarden.platform.github.InstallationToken;
import dev.tokenwarden.platform.github.InstallationTokenRequest;
import dev.tokenwarden.platform.github.OrgPatGrant;
import dev.tokenwarden.platform.github.RevocationOutcome;
import dev.tokenwarden.platform.github.TokenValidation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The broker's GitHub ports over the platform's {@link GitHubClient}, which carries the timeouts, retries
 * with backoff, rate-limit waits, circuit breaker and rate-limit publishing. GitHub's exceptions become
 * {@link BrokerFailure}s: retryable when GitHub was unavailable or rate-limited, not when it refused.
 */
@ApplicationScoped
public class GitHubCredentials implements CredentialMinter, CredentialVerifier, Revoker {
    /** Rate observations of calls made with a token whose installation is unknown here (revocations by value). */
    static final String CALLER = "token-broker";

    private static final Logger LOG = Logger.getLogger(GitHubCredentials.class);
    private static final Map<String, String> ORG_PAT_ADMIN = Map.of("organization_personal_access_tokens", "write");

    private final GitHubClient client;
    private final AppKeys apps;
    private final Map<String, BrokerConfig.OrgPatAdmin> orgPatAdmins;

    @Inject
    public GitHubCredentials(GitHubClient client, AppKeys apps, BrokerConfig config) {
        this(client, apps, config.orgPatRevocation());
    }

    public GitHubCredentials(GitHubClient client, AppKeys apps, Map<String, BrokerConfig.OrgPatAdmin> orgPatAdmins) {
        this.client = client;
        this.apps = apps;
        this.orgPatAdmins = Map.copyOf(orgPatAdmins);
    }

    @Override
    public MintedCredential mint(AppInstallation installation, Map<String, String> permissions, List<String> repositories) {
        try {
            InstallationToken token = client.createInstallationToken(apps.app(installation.appId()), installation.installationId(),
                    new InstallationTokenRequest(permissions, repositories.stream().map(GitHubCredentials::repositoryName).toList()));
            return new MintedCredential(Secret.of(token.value()), token.expiresAt(), token.permissions(), installation);
        } catch (GitHubException e) {
            throw failure("minting a token of installation " + installation.key(), e);
        }
    }

    /**
     * A real call with the value: an installation token lists its repositories
     * ({@code GET /installation/repositories}); a PAT asks {@code GET /user}, which also reports its classic
     * scopes ({@code X-OAuth-Scopes}) and expiry ({@code GitHub-Authentication-Token-Expiration}). Paced and observed
     * as the installation it was minted from: as one caller, every verification of the broker would share one
     * identity's secondary limit, which capped a whole app pool at 850 rotations a minute.
     */
    @Override
    public Verification verify(CredentialKind kind, Secret value, AppInstallation mintedFrom) {
        GitHubCredential credential = GitHubCredential.token(value.reveal(), mintedFrom == null ? CALLER : mintedFrom.key());
        try {
            if (kind == CredentialKind.APP_INSTALLATION) {
                client.verifyInstallationToken(credential).orElseThrow(() -> refused(kind));
                return new Verification(null, null);
            }
            TokenValidation accepted = client.validateToken(credential).orElseThrow(() -> refused(kind));
            return new Verification(accepted.expiresAt().orElse(null), accepted.scopesReported() ? accepted.classicScopes() : null);
        } catch (GitHubException e) {
            throw failure("verifying a " + wireName(kind), e);
        }
    }

    /**
     * Installation tokens revoke themselves ({@code DELETE /installation/token}), paced and observed as the
     * installation they were minted from when the ledger knows it (as one caller, an emergency's revocations of every
     * app queued behind one identity's 170 a minute); PATs go through GitHub's credential revocation API, which takes
     * the value and needs no authentication. A fine-grained PAT's access to each configured organisation among
     * {@code organisations} is revoked first, while the PAT can still say whose it is.
     */
    @Override
    public Outcome revoke(CredentialKind kind, Secret value, Set<String> organisations, AppInstallation mintedFrom) {
        try {
            if (kind == CredentialKind.APP_INSTALLATION) {
                GitHubCredential token = GitHubCredential.token(value.reveal(), mintedFrom == null ? CALLER : mintedFrom.key());
                return client.revokeInstallationToken(token) == RevocationOutcome.REVOKED
                        ? Outcome.REVOKED : Outcome.ALREADY_INVALID;
            }
            if (kind == CredentialKind.FINE_GRAINED_PAT) {
                revokeOrgGrants(value, organisations);
            }
            client.revokeCredentials(CALLER, List.of(GitHubCredential.token(value.reveal(), CALLER)));
            return Outcome.REVOKED;
        } catch (GitHubException e) {
            throw failure("revoking a " + wireName(kind), e);
        }
    }

    /**
     * GitHub's org API lists a PAT's grant by owner and expiry, never by value; the PAT's own
     * {@code GET /user} tells both. Exactly one match is revoked; several alike are left with a warning
     * rather than guessed at, since the credential revocation that follows disables the PAT everywhere
     * anyway. A PAT GitHub no longer accepts has no usable grant left.
     */
    private void revokeOrgGrants(Secret value, Set<String> organisations) {
        List<String> configured = organisations.stream().filter(orgPatAdmins::containsKey).sorted().toList();
        if (configured.isEmpty()) {
            return;
        }
        Optional<TokenValidation> holder = client.validateToken(GitHubCredential.token(value.reveal(), CALLER));
        if (holder.isEmpty()) {
            return;
        }
        for (String org : configured) {
            BrokerConfig.OrgPatAdmin admin = orgPatAdmins.get(org);
            InstallationToken token = client.createInstallationToken(apps.app(admin.appId()), admin.installationId(),
                    new InstallationTokenRequest(ORG_PAT_ADMIN, List.of()));
            GitHubCredential installation = GitHubCredential.token(token.value(), admin.appId() + "/" + admin.installationId());
            try {
                List<OrgPatGrant> grants = client.listOrgPatGrants(installation, org).stream()
                        .filter(grant -> grant.owner().equalsIgnoreCase(holder.get().login())
                                && grant.tokenExpiresAt().equals(holder.get().expiresAt()))
                        .toList();
                if (grants.size() == 1) {
                    client.revokeOrgPatGrant(installation, org, grants.getFirst().id());
                } else if (grants.size() > 1) {
                    LOG.warnf("%d fine-grained PAT grants of %s in %s expire at %s (pat ids %s): none revoked through the"
                            + " organisation's API, since which one is this PAT cannot be told; the credential revocation"
                            + " API revokes the PAT itself", grants.size(), holder.get().login(), org,
                            holder.get().expiresAt().map(Object::toString).orElse("never"),
                            grants.stream().map(grant -> Long.toString(grant.id())).toList());
                }
            } finally {
                client.revokeInstallationToken(installation);
            }
        }
    }

    private static BrokerFailure refused(CredentialKind kind) {
        return new BrokerFailure("GitHub refused the " + wireName(kind) + " (401 Bad credentials)", false);
    }

    private static BrokerFailure failure(String what, GitHubException e) {
        boolean retryable = !(e instanceof GitHubApiException api) || api.status() >= 500 || api.status() == 429;
        String detail = e instanceof GitHubRateLimitedException limited
                ? "rate-limited by GitHub until " + limited.until() : e.getMessage();
        return new BrokerFailure(what + " failed: " + detail, retryable);
    }

    /** GitHub narrows installation tokens by repository name, without the owner. */
    private static String repositoryName(String repository) {
        return repository.substring(repository.indexOf('/') + 1);
    }

    private static String wireName(CredentialKind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }
}
