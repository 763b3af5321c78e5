package dev.tokenwarden.auditor.domain.engine;

import java.util.Optional;

/**
 * Where the engine reads the file a remote {@code uses: owner/repo/path@ref} names, to follow taint into a remote
 * composite action or reusable workflow. {@link #NONE} reads nothing, which keeps a scan offline (the CLI).
 */
@FunctionalInterface
public interface RemoteFiles {

    RemoteFiles NONE = (owner, repo, path, ref) -> Optional.empty();

    /**
     * The file's bytes at {@code ref}; empty when it does not exist or cannot be read now. A failure is an empty
     * answer, never an exception: an unreadable callee is an untraceable one, not a failed scan.
     */
    Optional<byte[]> read(String owner, String repo, String path, String ref);
}
