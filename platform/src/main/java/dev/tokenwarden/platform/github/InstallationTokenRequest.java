package dev.tokenwarden.platform.github;

import java.util.List;
import java.util.Map;

/**
 * What a minted installation token may do: {@code permissions} (e.g. {@code contents -> read}) and the
 * repositories (names, without owner) it is narrowed to; empty lists mean "all the installation has".
 */
public record InstallationTokenRequest(Map<String, String> permissions, List<String> repositories) {
    public InstallationTokenRequest {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }
}
