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
    void dropsTheLeastRecentlyUsedBeyondItsDeflatedBytes() {
        byte[] a = workflow("a");
        int each = deflatedSize(a);
        BlobCache cache = new BlobCache(3L * each);
        byte[] b = workflow("b");
        byte[] c = workflow("c");
        byte[] d = workflow("d");
        for (byte[] content : new byte[][] {a, b, c}) {
            assertThat(cache.put(BlobCache.gitBlobSha(content), content)).isTrue();
        }
        assertThat(cache.bytes()).as("deflated: well under the text's size").isEqualTo(3L * each).isLessThan(a.length);
        cache.get(BlobCache.gitBlobSha(a));
        cache.put(BlobCache.gitBlobSha(d), d);

        assertThat(cache.bytes()).isEqualTo(3L * each);
        assertThat(cache.get(BlobCache.gitBlobSha(b))).isEmpty();
        assertThat(cache.get(BlobCache.gitBlobSha(a))).contains(a);
        assertThat(cache.get(BlobCache.gitBlobSha(c))).contains(c);
        assertThat(cache.get(BlobCache.gitBlobSha(d))).contains(d);
    }

    @Test
    void refusesAFileThatAloneExceedsItDeflatedAndHandsOutCopies() {
        byte[] big = workflow("big");
        BlobCache small = new BlobCache(deflatedSize(big) - 1);
        assertThat(small.put(BlobCache.gitBlobSha(big), big)).isFalse();

        BlobCache cache = new BlobCache(1 << 20);
        cache.put(BlobCache.gitBlobSha(big), big);
        byte[] first = cache.get(BlobCache.gitBlobSha(big)).orElseThrow();
        first[0] = 'X';
        assertThat(cache.get(BlobCache.gitBlobSha(big))).contains(big);
    }

    /** A job-heavy workflow of about 3 KB whose first line names it, so each has its own blob. */
    private static byte[] workflow(String name) {
        StringBuilder text = new StringBuilder("name: " + name + "\non: [push, pull_request]\npermissions: {}\njobs:\n");
        for (int job = 0; job < 12; job++) {
            text.append("  test-").append(job).append(":\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n")
                    .append("      - uses: actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3\n")
                    .append("        with:\n          persist-credentials: false\n")
                    .append("      - run: make test SHARD=").append(job).append('\n');
        }
        return bytes(text.toString());
    }

    private static int deflatedSize(byte[] content) {
        BlobCache probe = new BlobCache(1 << 20);
        probe.put(BlobCache.gitBlobSha(content), content);
        return (int) probe.bytes();
    }

    @Test
    void aZeroSizedCacheKeepsNothing() {
        BlobCache cache = new BlobCache(0);
        byte[] content = bytes("on: push\n");
        assertThat(cache.put(BlobCache.gitBlobSha(content), content)).isFalse();
        assertThat(cache.bytes()).isZero();
    }
}
