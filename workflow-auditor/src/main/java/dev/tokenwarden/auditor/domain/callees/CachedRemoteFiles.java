package dev.tokenwarden.auditor.domain.callees;

import dev.tokenwarden.auditor.domain.cache.ExpiringLruCache;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Remote callee files for the engine, read through {@code source} and kept in a bounded cache (least recently used
 * goes first). A file at a full commit SHA never changes and is kept for {@code pinnedFor}; one at a tag or branch
 * for {@code movableFor}, so a moved tag is seen again soon. A missing file is remembered like a present one; a
 * failed read is not remembered and leaves the callee unknown for this scan.
 */
public final class CachedRemoteFiles implements RemoteFiles {

    /** Reads one file; empty when it does not exist at the ref, an exception when it could not be read. */
    @FunctionalInterface
    public interface Source {
        Optional<byte[]> read(String owner, String repo, String path, String ref);
    }

    public record Settings(int capacity, Duration pinnedFor, Duration movableFor) {
        public Settings {
            if (capacity < 1 || pinnedFor.isNegative() || movableFor.isNegative()) {
                throw new IllegalArgumentException("capacity must be positive and the durations not negative");
            }
        }
    }

    private final Source source;
    private final Settings settings;
    private final ExpiringLruCache<Optional<byte[]>> entries;

    public CachedRemoteFiles(Source source, Clock clock, Settings settings) {
        this.source = source;
        this.settings = settings;
        this.entries = new ExpiringLruCache<>(settings.capacity(), clock);
    }

    @Override
    public Optional<byte[]> read(String owner, String repo, String path, String ref) {
        String key = owner + "/" + repo + "/" + path + "@" + ref;
        Optional<Optional<byte[]>> cached = entries.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<byte[]> content;
        try {
            content = source.read(owner, repo, path, ref);
        } catch (RuntimeException e) {
            // GitHub unavailable, rate-limited past the wait, or no credential: the callee stays unknown.
            return Optional.empty();
        }
        entries.put(key, content, isCommitSha(ref) ? settings.pinnedFor() : settings.movableFor());
        return content;
    }

    /** How many files are cached now, present or known missing. */
    public int size() {
        return entries.size();
    }

    /** A full lower-case commit SHA; GitHub prints SHAs in lower case, so an upper-case one may be a branch name. */
    static boolean isCommitSha(String ref) {
        return ref.length() == 40 && ref.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
