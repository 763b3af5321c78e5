package dev.tokenwarden.auditor.domain.baseline;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finding fingerprints known per repository, and what a scan changes about them. A full scan of a
 * repository replaces its baseline (what is missing is resolved); a partial scan (only the files a push
 * changed) can only add to it. Thread-safe; scans of one repository are recorded one at a time.
 */
public final class Baselines {

    /** What one scan changed: fingerprints new since the baseline, fingerprints gone, and the baseline now. */
    public record Change(Set<String> added, Set<String> resolved, Set<String> baseline, Instant updatedAt) {
        public Change {
            added = Set.copyOf(added);
            resolved = Set.copyOf(resolved);
            baseline = Set.copyOf(baseline);
        }
    }

    private record Known(Set<String> fingerprints, Instant updatedAt) {
    }

    private final Map<String, Known> byRepository = new ConcurrentHashMap<>();

    public Change record(String repository, Set<String> found, boolean fullScan, Instant at) {
        Known[] before = new Known[1];
        Known after = byRepository.compute(repository, (repo, known) -> {
            before[0] = known;
            Set<String> next = new HashSet<>(found);
            if (!fullScan && known != null) {
                next.addAll(known.fingerprints());
            }
            return new Known(Set.copyOf(next), at);
        });
        Set<String> previous = before[0] == null ? Set.of() : before[0].fingerprints();
        Set<String> added = new HashSet<>(found);
        added.removeAll(previous);
        Set<String> resolved = new HashSet<>();
        if (fullScan) {
            resolved.addAll(previous);
            resolved.removeAll(found);
        }
        return new Change(added, resolved, after.fingerprints(), at);
    }

    /** What a partial scan finding {@code found} would add to the baseline, without recording it (a proposed change). */
    public Change compare(String repository, Set<String> found, Instant at) {
        Set<String> known = known(repository);
        Set<String> added = new HashSet<>(found);
        added.removeAll(known);
        return new Change(added, Set.of(), known, at);
    }

    /** A baseline read back from the compacted topic; only a newer one than what is known replaces it. */
    public void restore(String repository, Set<String> fingerprints, Instant updatedAt) {
        byRepository.merge(repository, new Known(Set.copyOf(fingerprints), updatedAt),
                (known, restored) -> restored.updatedAt().isAfter(known.updatedAt()) ? restored : known);
    }

    public Set<String> known(String repository) {
        Known known = byRepository.get(repository);
        return known == null ? Set.of() : known.fingerprints();
    }
}
