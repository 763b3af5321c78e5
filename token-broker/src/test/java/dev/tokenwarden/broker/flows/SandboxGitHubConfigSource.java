package dev.tokenwarden.broker.flows;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points the broker of every {@code @QuarkusTest} at the sandbox's GitHub simulator, without a second test
 * resource (which would make Quarkus restart between test classes). The simulator starts on first lookup.
 */
public class SandboxGitHubConfigSource implements ConfigSource {
    private static final String BASE_URL = "tokenwarden.github.base-url";
    private static final String CLIENT_ID = "tokenwarden.broker.apps.\"" + Sandbox.APP_ID + "\".client-id";
    private static final String KEY_PATH = "tokenwarden.broker.apps.\"" + Sandbox.APP_ID + "\".key-path";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(BASE_URL, CLIENT_ID, KEY_PATH);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(BASE_URL, Sandbox.github().baseUrl(), CLIENT_ID, Sandbox.app().clientId(), KEY_PATH, Sandbox.KEY_PATH);
    }

    @Override
    public String getValue(String propertyName) {
        return getPropertyNames().contains(propertyName) ? getProperties().get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "sandbox-github";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
