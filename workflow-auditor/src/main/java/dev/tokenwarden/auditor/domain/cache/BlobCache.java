package dev.tokenwarden.auditor.domain.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * File contents by git blob SHA, the id a repository's tree gives each file: a file whose blob was read before, in
 * this repository or any other, needs no GitHub call. Organisations copy workflows between repositories and most
 * files are unchanged between two scans, so a scan of many repositories mostly reads trees. A blob id names one
 * content for ever, so entries never expire; the least recently used go first when the cache holds more than
 * {@code maxBytes}. Content is kept only if it hashes to the id it is kept under, so a file changed between the tree
 * read and the content read (a branch moving) is never cached under the old id. Thread-safe. The arrays handed out
 * are the cache's own: callers only read them.
 */
public final class BlobCache {
    private final long maxBytes;
    private final Map<String, byte[]> blobs = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public BlobCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public synchronized Optional<byte[]> get(String blobSha) {
        byte[] content = blobs.get(blobSha);
        if (content == null) {
            misses++;
            return Optional.empty();
        }
        hits++;
        return Optional.of(content);
    }

    /** Keeps {@code content} as blob {@code blobSha}; false, keeping nothing, when it is not that blob's content or alone exceeds the cache. */
    public boolean put(String blobSha, byte[] content) {
        if (content.length > maxBytes || !blobSha.equals(gitBlobSha(content))) {
            return false;
        }
        synchronized (this) {
            byte[] previous = blobs.put(blobSha, content);
            bytes += content.length - (previous == null ? 0 : previous.length);
            var eldest = blobs.entrySet().iterator();
            while (bytes > maxBytes) {
                bytes -= eldest.next().getValue().length;
                eldest.remove();
            }
        }
        return true;
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Git's id of a file's content: SHA-1 over {@code "blob <length>\0"} and the bytes. */
    public static String gitBlobSha(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-1", e);
        }
    }
}
