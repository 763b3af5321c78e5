package dev.tokenwarden.broker.infra.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.Revoker;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.github.Sleeper;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Revoking PATs through the adapter against the simulator: which organisation grants go, and which stay. */
class OrgPatRevocationTest {
    private static final long APP_ID = 7;
    private static final long INSTALLATION_ID = 70;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final GitHubSimulator github = GitHubSimulator.start(clock);
    private final GitHubCredentials credentials;

    OrgPatRevocationTest() {
        AppKeys keys = new SimulatedAppKeys().register(github, APP_ID);
        github.addInstallation(APP_ID, INSTALLATION_ID, "acme", List.of("api"), Map.of("organization_personal_access_tokens", "write"));
        GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, Sleeper.THREAD,
                new SplittableRandom(7), RateLimitListener.NONE);
        credentials = new GitHubCredentials(client, keys, Map.of("acme", new Admin()));
    }

    private record Admin() implements BrokerConfig.OrgPatAdmin {
        @Override
        public long appId() {
            return APP_ID;
        }

        @Override
        public long installationId() {
            return INSTALLATION_ID;
        }
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void onlyTheGrantOfTheRevokedPatGoesAndTheHelperTokenIsRevokedToo() {
        String old = github.registerFineGrainedPat("deployer", inDays(10));
        String other = github.registerFineGrainedPat("deployer", inDays(20));
        long oldGrant = github.grantOrgAccess("acme", old, "deploy-old");
        long otherGrant = github.grantOrgAccess("acme", other, "deploy-new");

        assertThat(credentials.revoke(CredentialKind.FINE_GRAINED_PAT, Secret.of(old), Set.of("acme"), null)).isEqualTo(Revoker.Outcome.REVOKED);

        assertThat(github.orgGrantExists(oldGrant)).isFalse();
        assertThat(github.orgGrantExists(otherGrant)).isTrue();
        assertThat(github.isRevoked(old)).isTrue();
        assertThat(github.requests()).filteredOn(e -> e.method().equals("DELETE") && e.path().equals("/installation/token"))
                .extracting(RecordedExchange::status).containsExactly(204);
    }

    @Test
    void grantsThatCannotBeToldApartAreLeftAndThePatIsStillRevoked() {
        String old = github.registerFineGrainedPat("deployer", inDays(10));
        String twin = github.registerFineGrainedPat("deployer", inDays(10));
        long oldGrant = github.grantOrgAccess("acme", old, "deploy-a");
        long twinGrant = github.grantOrgAccess("acme", twin, "deploy-b");

        credentials.revoke(CredentialKind.FINE_GRAINED_PAT, Secret.of(old), Set.of("acme"), null);

        assertThat(github.orgGrantExists(oldGrant)).isTrue();
        assertThat(github.orgGrantExists(twinGrant)).isTrue();
        assertThat(github.isRevoked(old)).isTrue();
        assertThat(github.isValid(twin)).isTrue();
    }

    @Test
    void unconfiguredOrganisationsAndClassicPatsUseOnlyTheCredentialRevocationApi() {
        String fineGrained = github.registerFineGrainedPat("deployer", inDays(10));
        long grant = github.grantOrgAccess("elsewhere", fineGrained, "deploy");
        String classic = github.registerClassicPat("machine-user", List.of("repo"), inDays(10));

        credentials.revoke(CredentialKind.FINE_GRAINED_PAT, Secret.of(fineGrained), Set.of("elsewhere"), null);
        credentials.revoke(CredentialKind.CLASSIC_PAT, Secret.of(classic), Set.of("acme"), null);

        assertThat(github.orgGrantExists(grant)).isTrue();
        assertThat(github.isRevoked(fineGrained)).isTrue();
        assertThat(github.isRevoked(classic)).isTrue();
        assertThat(github.requests()).extracting(RecordedExchange::path).containsOnly("/credentials/revoke");
    }

    private Instant inDays(int days) {
        return clock.instant().plus(Duration.ofDays(days));
    }
}
