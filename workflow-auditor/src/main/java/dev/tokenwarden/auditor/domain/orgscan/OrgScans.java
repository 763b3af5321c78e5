package dev.tokenwarden.auditor.domain.orgscan;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every organisation-wide scan this instance knows of: its own, as it advances them, and every instance's, as read
 * back from their progress records. Thread-safe.
 */
public final class OrgScans {
    private final Map<String, OrgScan> byId = new ConcurrentHashMap<>();

    /** A step this instance took. */
    public OrgScan put(OrgScan scan) {
        byId.put(scan.id(), scan);
        return scan;
    }

    /** A progress record read back; one older than what is known changes nothing. */
    public void restore(OrgScan scan) {
        byId.merge(scan.id(), scan, (known, restored) -> restored.updatedAt().isBefore(known.updatedAt()) ? known : restored);
    }

    public Optional<OrgScan> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The scan of {@code org} (its login compared without case) that has not finished, if any. */
    public Optional<OrgScan> unfinished(String org) {
        return byId.values().stream().filter(scan -> !scan.state().finished() && scan.org().equalsIgnoreCase(org)).findFirst();
    }

    /** Newest first. */
    public List<OrgScan> all() {
        return byId.values().stream().sorted(Comparator.comparing(OrgScan::startedAt).reversed().thenComparing(OrgScan::id)).toList();
    }
}
