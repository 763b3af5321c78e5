package dev.tokenwarden.broker.infra.github;

import dev.tokenwarden.platform.github.GitHubApp;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import java.util.HashMap;
import java.util.Map;

/** The app keys of apps registered with the GitHub simulator, in place of the ones the broker reads from Vault. */
final class SimulatedAppKeys extends AppKeys {
    private final Map<Long, SimulatedApp> apps = new HashMap<>();

    SimulatedAppKeys() {
        super(null, Map.of());
    }

    /** Registers {@code appId} with {@code github} and keeps its key. */
    SimulatedAppKeys register(GitHubSimulator github, long appId) {
        apps.put(appId, github.registerApp(appId));
        return this;
    }

    @Override
    public GitHubApp app(long appId) {
        SimulatedApp app = apps.get(appId);
        return GitHubApp.of(appId, app.clientId(), app.privateKeyPem());
    }
}
