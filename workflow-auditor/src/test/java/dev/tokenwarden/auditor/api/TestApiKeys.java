package dev.tokenwarden.auditor.api;

/** The API keys configured (by SHA-256) in the test application.properties. */
public final class TestApiKeys {
    public static final String HEADER = "X-Api-Key";
    public static final String VIEWER = "viewer-test-key-vera";
    public static final String OPERATOR = "operator-test-key-otto";
    public static final String ADMIN = "admin-test-key-ada";

    private TestApiKeys() {
    }
}
