package dev.tokenwarden.platform.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key as presented; {@link #toString()} never shows it. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=" + "*".repeat(8) + "]";
    }
}
