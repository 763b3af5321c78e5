package dev.tokenwarden.broker.infra.github;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.StoredSecret;
import dev.tokenwarden.platform.github.GitHubApp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GitHub Apps the broker mints from. Each app's private key is read from Vault before every mint, so a
 * new key version (operations.md, "Rotating the GitHub App private key") is used at once; the parsed key
 * is kept per version. Neither the PEM nor the key reaches a message.
 */
@ApplicationScoped
public class AppKeys {
    private final SecretStore store;
    private final Map<String, BrokerConfig.App> apps;
    private final Map<Long, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(long version, GitHubApp app) {
    }

    @Inject
    public AppKeys(SecretStore store, BrokerConfig config) {
        this(store, config.apps());
    }

    public AppKeys(SecretStore store, Map<String, BrokerConfig.App> apps) {
        this.store = store;
        this.apps = Map.copyOf(apps);
    }

    public GitHubApp app(long appId) {
        BrokerConfig.App app = apps.get(Long.toString(appId));
        if (app == null) {
            throw new BrokerFailure("GitHub App " + appId + " is not configured (tokenwarden.broker.apps.\"" + appId + "\")", false);
        }
        String path = keyPath(appId, app.keyPath());
        StoredSecret key = store.current(path).orElseThrow(() ->
                new BrokerFailure("no private key of GitHub App " + appId + " at " + path, false));
        Parsed known = parsed.get(appId);
        if (known != null && known.version() == key.version()) {
            return known.app();
        }
        try {
            GitHubApp fresh = GitHubApp.of(appId, app.clientId(), key.data().token().reveal());
            parsed.put(appId, new Parsed(key.version(), fresh));
            return fresh;
        } catch (IllegalArgumentException e) {
            throw new BrokerFailure("the private key of GitHub App " + appId + " at " + path + " version " + key.version()
                    + " is unusable: " + e.getMessage(), false);
        }
    }

    private static String keyPath(long appId, String configured) {
        String[] parts = configured.split("/");
        if (parts.length != 3) {
            throw new BrokerFailure("tokenwarden.broker.apps.\"" + appId + "\".key-path must be <tier>/<consumer>/<credential-id>", false);
        }
        return CredentialTarget.vaultPath(parts[0], parts[1], parts[2]);
    }
}
