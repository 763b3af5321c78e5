package dev.tokenwarden.broker.flows;

import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.ManualClock;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The GitHub simulator and the clock the broker's tests share: one app, one installation on {@code acme}
 * with every permission a tier asks for, and the one that manages the organisation's fine-grained PAT grants. The broker's {@link java.time.Clock} is this clock too, so tests
 * move time (overlap windows, expiry) by hand and never wait for the wall clock.
 */
public final class Sandbox {
    public static final long APP_ID = 1;
    public static final long INSTALLATION_ID = 11;
    public static final String ORG = "acme";
    /** Where the test puts the app's private key: {@code github/apps/token-broker/app-1-key}. */
    public static final String KEY_PATH = "apps/token-broker/app-1-key";

    private static ManualClock clock;
    private static GitHubSimulator github;
    private static SimulatedApp app;

    private Sandbox() {
    }

    public static synchronized GitHubSimulator github() {
        if (github == null) {
            clock = new ManualClock(Instant.parse("2026-11-22T10:00:00Z"));
            github = GitHubSimulator.start(clock);
            app = github.registerApp(APP_ID);
            github.addInstallation(APP_ID, INSTALLATION_ID, ORG, List.of("api", "web", "docs"), Map.ofEntries(
                    Map.entry("contents", "write"), Map.entry("metadata", "read"), Map.entry("statuses", "write"),
                    Map.entry("actions", "write"), Map.entry("workflows", "write"), Map.entry("deployments", "write"),
                    Map.entry("environments", "read"), Map.entry("secret_scanning_alerts", "read"),
                    Map.entry("issues", "write"), Map.entry("pull_requests", "write"),
                    Map.entry("organization_personal_access_tokens", "write"), Map.entry("organization_administration", "read"),
                    Map.entry("checks", "write"), Map.entry("security_events", "write")));
        }
        return github;
    }

    public static synchronized ManualClock clock() {
        github();
        return clock;
    }

    public static synchronized SimulatedApp app() {
        github();
        return app;
    }
}
