package dev.tokenwarden.auditor.domain.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workflows and actions scanned together, by path, so that a rule can follow {@code uses: ./path} into
 * a local composite action ({@code path/action.yml|yaml}) or a local reusable workflow, and a {@code remote}
 * lookup for {@code uses: owner/repo/path@ref}. Paths are the names findings carry: relative to the repository
 * root when a repository is scanned.
 */
public final class Repository {

    private static final Function<UsesRef, Optional<Workflow>> OFFLINE = uses -> Optional.empty();
    private static final Repository NONE = new Repository(Map.of(), OFFLINE);

    private final Map<String, Workflow> byPath;
    private final Function<UsesRef, Optional<Workflow>> remote;
    /** Each remote callee is looked up once per scan, however many rules and steps ask for it. */
    private final Map<String, Optional<Workflow>> remoteByUses = new ConcurrentHashMap<>();

    private Repository(Map<String, Workflow> byPath, Function<UsesRef, Optional<Workflow>> remote) {
        this.byPath = byPath;
        this.remote = remote;
    }

    public static Repository none() {
        return NONE;
    }

    /**
     * The files by name. A name that two files share (two repository roots scanned at once, each with its
     * {@code .github/workflows/ci.yml}) is ambiguous and not followed, rather than followed into the wrong one.
     */
    public static Repository of(List<Workflow> workflows) {
        return of(workflows, OFFLINE);
    }

    /** As {@link #of(List)}, with {@code remote} reading the callee a repository {@code uses:} names. */
    public static Repository of(List<Workflow> workflows, Function<UsesRef, Optional<Workflow>> remote) {
        Map<String, List<Workflow>> byName = workflows.stream().collect(Collectors.groupingBy(Workflow::file));
        Map<String, Workflow> unique = new HashMap<>();
        byName.forEach((name, found) -> {
            if (found.size() == 1) {
                unique.put(name, found.getFirst());
            }
        });
        return new Repository(Map.copyOf(unique), remote);
    }

    /**
     * The file a {@code uses:} names: a local one if it was scanned with the others, a remote one if the remote
     * lookup finds it.
     */
    public Optional<Workflow> resolve(UsesRef uses) {
        if (uses.kind() == UsesRef.Kind.REPOSITORY) {
            return remoteByUses.computeIfAbsent(uses.raw(), raw -> remote.apply(uses));
        }
        if (uses.kind() != UsesRef.Kind.LOCAL) {
            return Optional.empty();
        }
        String path = uses.path().replace('\\', '/').replaceFirst("^\\./", "").replaceFirst("/+$", "");
        return Optional.ofNullable(byPath.get(path))
                .or(() -> Optional.ofNullable(byPath.get(path + "/action.yml")))
                .or(() -> Optional.ofNullable(byPath.get(path + "/action.yaml")));
    }
}
