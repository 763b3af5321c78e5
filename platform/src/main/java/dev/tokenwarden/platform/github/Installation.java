package dev.tokenwarden.platform.github;

import java.util.Map;

/** An app installation: the account it is on, which repositories it covers and what it may do. */
public record Installation(
        long id,
        long appId,
        String account,
        String repositorySelection,
        Map<String, String> permissions,
        boolean suspended) {

    /** The key of this installation on {@code github.ratelimit}. */
    public String key() {
        return appId + "/" + id;
    }
}
