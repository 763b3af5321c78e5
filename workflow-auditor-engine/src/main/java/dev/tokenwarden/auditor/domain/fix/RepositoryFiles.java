package dev.tokenwarden.auditor.domain.fix;

import java.util.Optional;

/**
 * Reads another file of the repository being fixed, by its path from the repository root (for example
 * {@code .github/workflows/release.yml}); used to read what a local reusable workflow declares.
 */
@FunctionalInterface
public interface RepositoryFiles {

    /** Reads no file. */
    RepositoryFiles NONE = path -> Optional.empty();

    Optional<String> read(String pathFromRoot);
}
