package dev.tokenwarden.auditor.domain.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * File contents by git blob SHA, the id a repository's tree gives each file: a file whose blob was read before, in
 * this repository or any other, needs no GitHub call. Organisations copy workflows between repositories and most
 * files are unchanged between two scans, so a scan of many repositories mostly reads trees. A blob id names one
 * content for ever, so entries never expire; the least recently used go first when the cache holds more than
 * {@code maxBytes}. Content is kept only if it hashes to the id it is kept under, so a file changed between the tree
 * read and the content read (a branch moving) is never cached under the old id. Contents are kept deflated, and
 * {@code maxBytes} counts what they take so: workflows are repetitive text, and a cache three to four times larger
 * (about 4 KiB of deflate a read) decides whether an organisation's rescan reads its files again. Thread-safe.
 */
public final class BlobCache {
    private final long maxBytes;
    private final Map<String, Deflated> blobs = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    public BlobCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A copy of blob {@code blobSha}'s content, if kept. */
    public Optional<byte[]> get(String blobSha) {
        Deflated kept;
        synchronized (this) {
            kept = blobs.get(blobSha);
            if (kept == null) {
                misses++;
                return Optional.empty();
            }
            hits++;
        }
        return Optional.of(kept.inflate());
    }

    /**
     * Keeps {@code content} as blob {@code blobSha}; false, keeping nothing, when it is not that blob's content or,
     * deflated, alone exceeds the cache.
     */
    public boolean put(String blobSha, byte[] content) {
        if (maxBytes == 0 || !blobSha.equals(gitBlobSha(content))) {
            return false;
        }
        Deflated deflated = Deflated.of(content);
        if (deflated.size() > maxBytes) {
            return false;
        }
        synchronized (this) {
            Deflated previous = blobs.put(blobSha, deflated);
            bytes += deflated.size() - (previous == null ? 0 : previous.size());
            var eldest = blobs.entrySet().iterator();
            while (bytes > maxBytes) {
                bytes -= eldest.next().getValue().size();
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

    /** A content deflated (raw deflate, fastest level: a cached read is a GitHub call saved, not a byte). */
    private record Deflated(byte[] data, int length) {
        static Deflated of(byte[] content) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
            try {
                deflater.setInput(content);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 16);
                byte[] chunk = new byte[4096];
                while (!deflater.finished()) {
                    out.write(chunk, 0, deflater.deflate(chunk));
                }
                return new Deflated(out.toByteArray(), content.length);
            } finally {
                deflater.end();
            }
        }

        int size() {
            return data.length;
        }

        byte[] inflate() {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data);
                byte[] content = new byte[length];
                int read = 0;
                while (read < length) {
                    int n = inflater.inflate(content, read, length - read);
                    if (n == 0 && (inflater.finished() || inflater.needsInput())) {
                        throw new IllegalStateException("a cached blob inflated to " + read + " of its " + length + " bytes");
                    }
                    read += n;
                }
                return content;
            } catch (DataFormatException e) {
                throw new IllegalStateException("a cached blob does not inflate: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }
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
