package dev.tokenwarden.platform.github;

import java.nio.charset.StandardCharsets;

/** A file's content at a ref, decoded. */
public record RepositoryFile(String path, String sha, byte[] content) {
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
