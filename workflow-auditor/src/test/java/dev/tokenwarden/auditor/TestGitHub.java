package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.domain.cache.BlobCache;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.auditor.infra.FixerGitHub;
import dev.tokenwarden.platform.github.GitHubApp;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubConfig;
import dev.tokenwarden.platform.github.GitHubCredential;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.github.InstallationTokenRequest;
import dev.tokenwarden.platform.github.RateLimitListener;
import dev.tokenwarden.platform.github.RateLimitPublisher;
import dev.tokenwarden.platform.vault.InternalGitHubToken;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GitHub the tests' auditor talks to: the sandbox simulator in the test JVM (on a port it picks itself,
 * hence a producer rather than configuration), and a PAT it issued standing in for the auditor credential for reads
 * across the tests' many organisations. One GitHub App, as the broker would mint from it, is installed twice: on
 * {@code acme} with the auditor tier's permissions, for the results written there (check runs, which GitHub takes from
 * GitHub Apps only, and SARIF uploads), and on {@link #FIX_ORG} with the fixer tier's, for fix pull requests.
 */
@ApplicationScoped
public class TestGitHub {
    /** The organisation the tests' GitHub App is installed on, and the installation, as in the webhook deliveries. */
    public static final String APP_ORG = "acme";
    public static final long INSTALLATION_ID = 7;
    /** The organisation the fixer's installation is on: fix pull requests are opened in its repositories. */
    public static final String FIX_ORG = "fix-org";
    /** The fixer tier's permissions, as token-broker's application.properties grants them. */
    public static final Map<String, String> FIXER_PERMISSIONS = Map.of("contents", "write", "pull_requests", "write", "workflows", "write");
    private static final long APP_ID = 4242;
    private static final long FIXER_INSTALLATION_ID = 424201;

    private static GitHubSimulator simulator;
    private static String token;
    private static String installationToken;
    private static GitHubApp app;
    private static String fixerToken;

    public static synchronized GitHubSimulator simulator() {
        if (simulator == null) {
            simulator = GitHubSimulator.start(Clock.systemUTC());
            token = simulator.registerClassicPat("auditor-bot", List.of("repo", "security_events"), null);
            SimulatedApp registered = simulator.registerApp(APP_ID);
            app = GitHubApp.of(APP_ID, registered.clientId(), registered.privateKeyPem());
            simulator.addInstallation(APP_ID, INSTALLATION_ID, APP_ORG, List.of(), Map.of("contents", "read", "metadata", "read",
                    "actions", "read", "secret_scanning_alerts", "read", "pull_requests", "read", "checks", "write", "security_events", "write"));
            Map<String, String> granted = new HashMap<>(FIXER_PERMISSIONS);
            granted.put("metadata", "read");
            simulator.addInstallation(APP_ID, FIXER_INSTALLATION_ID, FIX_ORG, List.of(), granted);
            installationToken = mint(INSTALLATION_ID, Map.of());
            fixerToken = mint(FIXER_INSTALLATION_ID, FIXER_PERMISSIONS);
        }
        return simulator;
    }

    /** An installation token of the fixer's app narrowed to {@code permissions}, minted as the token-broker mints it. */
    public static synchronized String mintFixerToken(Map<String, String> permissions) {
        simulator();
        return mint(FIXER_INSTALLATION_ID, permissions);
    }

    private static String mint(long installation, Map<String, String> permissions) {
        GitHubClient client = GitHubClient.create(GitHubSettings.defaults(URI.create(simulator.baseUrl())), Clock.systemUTC(),
                RateLimitListener.NONE);
        return client.createInstallationToken(app, installation, new InstallationTokenRequest(permissions, List.of())).value();
    }

    /** The fixer credential from now on (the tests put the full one back when they are done). */
    public static synchronized void useFixerToken(String value) {
        fixerToken = value;
    }

    private static synchronized String fixerToken() {
        simulator();
        return fixerToken;
    }

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    GitHubClient simulatedGitHub(GitHubConfig config, Clock clock, RateLimitPublisher rateLimits) {
        return GitHubClient.create(config.settings().withBaseUrl(URI.create(simulator().baseUrl())), clock, rateLimits);
    }

    /** The simulator's PAT in place of the configured auditor token. */
    @Alternative
    @Priority(1)
    @Singleton
    static class SimulatedAuditorGitHub extends AuditorGitHub {
        SimulatedAuditorGitHub(GitHubClient client, @Named(AuditorGitHub.RATE_KEY) InternalGitHubToken token, BlobCache blobs) {
            super(client, token, blobs);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        protected GitHubCredential credential() {
            simulator();
            return GitHubCredential.token(token, "auditor");
        }

        @Override
        protected GitHubCredential resultsCredential(String owner) {
            simulator();
            return APP_ORG.equalsIgnoreCase(owner) ? GitHubCredential.token(installationToken, "auditor") : credential();
        }
    }

    /** An installation token of the fixer's app in place of the configured fixer token. */
    @Alternative
    @Priority(1)
    @Singleton
    static class SimulatedFixerGitHub extends FixerGitHub {
        SimulatedFixerGitHub(GitHubClient client, @Named(FixerGitHub.RATE_KEY) InternalGitHubToken token) {
            super(client, token);
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        protected GitHubCredential credential() {
            return GitHubCredential.token(fixerToken(), FixerGitHub.RATE_KEY);
        }
    }
}
