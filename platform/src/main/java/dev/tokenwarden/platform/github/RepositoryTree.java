package dev.tokenwarden.platform.github;

import java.util.List;

/** The files (blobs) of a ref's tree; {@code truncated} when GitHub cut a very large tree short. */
public record RepositoryTree(String sha, List<Entry> files, boolean truncated) {
    public RepositoryTree {
        files = List.copyOf(files);
    }

    public record Entry(String path, String sha, long size) {
    }

    /** The workflow files: {@code .github/workflows/*.yml} and {@code *.yaml}, not in subfolders. */
    public List<Entry> workflowFiles() {
        return files.stream()
                .filter(e -> e.path().startsWith(".github/workflows/"))
                .filter(e -> e.path().indexOf('/', ".github/workflows/".length()) < 0)
                .filter(e -> e.path().endsWith(".yml") || e.path().endsWith(".yaml"))
                .toList();
    }
}
