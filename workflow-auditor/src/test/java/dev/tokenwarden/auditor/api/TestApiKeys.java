package dev.tokenwarden.auditor.api;

/** The API keys configured (by SHA-256) in the test application.properties. */
final class TestApiKeys {
    static final String HEADER = "X-Api-Key";
    static final String VIEWER = "viewer-test-key-vera";
    static final String OPERATOR = "operator-test-key-otto";
    static final String ADMIN = "admin-test-key-ada";

    private TestApiKeys() {
    }
}
