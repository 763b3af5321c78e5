package dev.tokenwarden.platform.github;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** One answer from GitHub as the transport received it. */
record GitHubResponse(int status, HttpHeaders headers, byte[] body) {
    Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
