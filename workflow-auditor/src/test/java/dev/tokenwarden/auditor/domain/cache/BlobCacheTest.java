package dev.tokenwarden.auditor.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlobCacheTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theBlobIdIsGitsOwn() {
        // `printf 'on: push\n' | git hash-object --stdin`
        assertThat(BlobCache.gitBlobSha(bytes("on: push\n"))).isEqualTo("b83836ed8c80558d4e40ea4ac5d69f4405334799");
        // git's id of the empty blob
        assertThat(BlobCache.gitBlobSha(new byte[0])).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    @Test
    void keepsOnlyContentThatIsTheNamedBlob() {
        BlobCache cache = new BlobCache(1024);
        byte[] current = bytes("on: push\n");
        String oldId = BlobCache.gitBlobSha(bytes("on: pull_request\n"));

        assertThat(cache.put(oldId, current)).isFalse();
        assertThat(cache.get(oldId)).isEmpty();
        assertThat(cache.put(BlobCache.gitBlobSha(current), current)).isTrue();
        assertThat(cache.get(BlobCache.gitBlobSha(current))).contains(current);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsBytes() {
        BlobCache cache = new BlobCache(30);
        byte[] a = bytes("a".repeat(10));
        byte[] b = bytes("b".repeat(10));
        byte[] c = bytes("c".repeat(10));
        byte[] d = bytes("d".repeat(10));
        for (byte[] content : new byte[][] {a, b, c}) {
            cache.put(BlobCache.gitBlobSha(content), content);
        }
        cache.get(BlobCache.gitBlobSha(a));
        cache.put(BlobCache.gitBlobSha(d), d);

        assertThat(cache.bytes()).isEqualTo(30);
        assertThat(cache.get(BlobCache.gitBlobSha(b))).isEmpty();
        assertThat(cache.get(BlobCache.gitBlobSha(a))).isPresent();
        assertThat(cache.get(BlobCache.gitBlobSha(c))).isPresent();
        assertThat(cache.get(BlobCache.gitBlobSha(d))).isPresent();
        assertThat(cache.put(BlobCache.gitBlobSha(bytes("x".repeat(31))), bytes("x".repeat(31)))).isFalse();
    }

    @Test
    void aZeroSizedCacheKeepsNothing() {
        BlobCache cache = new BlobCache(0);
        byte[] content = bytes("on: push\n");
        assertThat(cache.put(BlobCache.gitBlobSha(content), content)).isFalse();
        assertThat(cache.bytes()).isZero();
    }
}
