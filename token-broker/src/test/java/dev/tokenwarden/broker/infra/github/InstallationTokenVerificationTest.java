package dev.tokenwarden.broker.infra.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.broker.domain.MintedCredential;
import dev.tokenwarden.broker.domain.Revoker;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.Sleeper;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whose limits a new installation token's verification and revocation count against. The client paces and reports every call by
 * its credential's key; keyed as the broker itself, every verification of every app shared one identity's secondary
 * limit (850 points a minute), which held a ten-app emergency to 850 rotations a minute.
 */
class InstallationTokenVerificationTest {
    private static final AppInstallation FIRST_APP = new AppInstallation(7L, 70L);
    private static final AppInstallation SECOND_APP = new AppInstallation(8L, 80L);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final GitHubSimulator github = GitHubSimulator.start(clock);
    private final List<RateLimitObservation> observed = new CopyOnWriteArrayList<>();
    private final GitHubCredentials credentials;

    InstallationTokenVerificationTest() {
        SimulatedAppKeys keys = new SimulatedAppKeys();
        for (AppInstallation installation : List.of(FIRST_APP, SECOND_APP)) {
            keys.register(github, installation.appId());
            github.addInstallation(installation.appId(), installation.installationId(), "acme", List.of("api"), Map.of("contents", "read"));
        }
        GitHubClient client = new GitHubClient(GitHubSettings.defaults(URI.create(github.baseUrl())), clock, Sleeper.THREAD,
                new SplittableRandom(7), observed::add);
        credentials = new GitHubCredentials(client, keys, Map.of());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void aMintedTokenIsVerifiedAsTheInstallationItWasMintedFrom() {
        for (AppInstallation installation : List.of(FIRST_APP, SECOND_APP)) {
            MintedCredential minted = credentials.mint(installation, Map.of("contents", "read"), List.of("acme/api"));
            assertThat(minted.mintedFrom()).isEqualTo(installation);
            observed.clear();

            credentials.verify(CredentialKind.APP_INSTALLATION, minted.value(), minted.mintedFrom());

            assertThat(observed).extracting(RateLimitObservation::installation).containsExactly(installation.key());
        }
    }

    @Test
    void aMintedTokenIsRevokedAsTheInstallationItWasMintedFrom() {
        MintedCredential minted = credentials.mint(SECOND_APP, Map.of("contents", "read"), List.of("acme/api"));
        observed.clear();

        assertThat(credentials.revoke(CredentialKind.APP_INSTALLATION, minted.value(), Set.of(), minted.mintedFrom()))
                .isEqualTo(Revoker.Outcome.REVOKED);

        assertThat(observed).extracting(RateLimitObservation::installation).containsExactly(SECOND_APP.key());
        assertThat(github.isValid(minted.value().reveal())).isFalse();
    }

    @Test
    void aValueOfUnknownOriginIsVerifiedAsTheBroker() {
        MintedCredential minted = credentials.mint(FIRST_APP, Map.of("contents", "read"), List.of("acme/api"));
        observed.clear();

        credentials.verify(CredentialKind.APP_INSTALLATION, minted.value(), null);

        assertThat(observed).extracting(RateLimitObservation::installation).containsExactly(GitHubCredentials.CALLER);
    }
}
