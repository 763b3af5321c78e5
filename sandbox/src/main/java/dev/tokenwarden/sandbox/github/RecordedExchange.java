package dev.tokenwarden.sandbox.github;

import java.util.Map;

/**
 * One request the simulator answered and its answer, for assertions and the OpenAPI check. No credential is
 * kept: {@code authScheme} is only how the caller authenticated ({@code app-jwt}, {@code token}, {@code none}).
 * {@code path} is the API path, without an Enterprise Server's {@code /api/v3} prefix.
 *
 * @param injected true when the answer was an injected fault rather than the endpoint's own
 */
public record RecordedExchange(
        String method,
        String path,
        String query,
        Map<String, String> requestHeaders,
        String authScheme,
        int status,
        Map<String, String> responseHeaders,
        byte[] responseBody,
        boolean injected) {
}
