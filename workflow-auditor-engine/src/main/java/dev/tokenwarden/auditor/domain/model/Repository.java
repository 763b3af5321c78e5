package dev.tokenwarden.auditor.domain.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workflows and actions scanned together, by path, so that a rule can follow {@code uses: ./path} into
 * a local composite action ({@code path/action.yml|yaml}) or a local reusable workflow. Paths are the names
 * findings carry: relative to the repository root when a repository is scanned.
 */
public final class Repository {

    private static final Repository NONE = new Repository(Map.of());

    private final Map<String, Workflow> byPath;

    private Repository(Map<String, Workflow> byPath) {
        this.byPath = byPath;
    }

    public static Repository none() {
        return NONE;
    }

    /**
     * The files by name. A name that two files share (two repository roots scanned at once, each with its
     * {@code .github/workflows/ci.yml}) is ambiguous and not followed, rather than followed into the wrong one.
     */
    public static Repository of(List<Workflow> workflows) {
        Map<String, List<Workflow>> byName = workflows.stream().collect(Collectors.groupingBy(Workflow::file));
        Map<String, Workflow> unique = new HashMap<>();
        byName.forEach((name, found) -> {
            if (found.size() == 1) {
                unique.put(name, found.getFirst());
            }
        });
        return new Repository(Map.copyOf(unique));
    }

    /** The file a local {@code uses:} names, if it was scanned with the others. */
    public Optional<Workflow> resolve(UsesRef uses) {
        if (uses.kind() != UsesRef.Kind.LOCAL) {
            return Optional.empty();
        }
        String path = uses.path().replace('\\', '/').replaceFirst("^\\./", "").replaceFirst("/+$", "");
        return Optional.ofNullable(byPath.get(path))
                .or(() -> Optional.ofNullable(byPath.get(path + "/action.yml")))
                .or(() -> Optional.ofNullable(byPath.get(path + "/action.yaml")));
    }
}
