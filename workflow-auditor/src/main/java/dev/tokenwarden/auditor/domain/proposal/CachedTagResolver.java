package dev.tokenwarden.auditor.domain.proposal;

import dev.tokenwarden.auditor.domain.cache.ExpiringLruCache;
import dev.tokenwarden.auditor.domain.fix.TagResolutionException;
import dev.tokenwarden.auditor.domain.fix.TagResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tags resolved through {@code source} and kept in a bounded cache (least recently used goes first) for
 * {@code keepFor}, since a tag can be moved; a tag that does not exist is remembered like one that does, a failed
 * lookup is not remembered.
 */
public final class CachedTagResolver implements TagResolver {
    private final TagResolver source;
    private final Duration keepFor;
    private final ExpiringLruCache<Optional<String>> entries;

    public CachedTagResolver(TagResolver source, Clock clock, int capacity, Duration keepFor) {
        this.source = source;
        this.keepFor = keepFor;
        this.entries = new ExpiringLruCache<>(capacity, clock);
    }

    @Override
    public Optional<String> commitSha(String owner, String repo, String tag) throws TagResolutionException {
        String key = owner + "/" + repo + "@" + tag;
        Optional<Optional<String>> cached = entries.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<String> sha = source.commitSha(owner, repo, tag);
        entries.put(key, sha, keepFor);
        return sha;
    }
}
