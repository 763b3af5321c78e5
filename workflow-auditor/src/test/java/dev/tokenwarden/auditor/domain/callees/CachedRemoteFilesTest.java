package dev.tokenwarden.auditor.domain.callees;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.sandbox.github.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedRemoteFilesTest {
    private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T04:00:00Z"));
    private final List<String> reads = new ArrayList<>();
    private boolean failing;
    private final CachedRemoteFiles files = new CachedRemoteFiles((owner, repo, path, ref) -> {
        reads.add(path + "@" + ref);
        if (failing) {
            throw new IllegalStateException("GitHub unavailable");
        }
        return path.equals("missing/action.yml") ? Optional.empty() : Optional.of((path + "@" + ref).getBytes(StandardCharsets.UTF_8));
    }, clock, new CachedRemoteFiles.Settings(2, Duration.ofHours(24), Duration.ofMinutes(10)));

    @Test
    void aFileAtACommitIsKeptLongAndOneAtATagBriefly() {
        files.read("acme", "lib", "a/action.yml", SHA);
        files.read("acme", "lib", "b/action.yml", "v1");
        clock.advance(Duration.ofMinutes(11));
        files.read("acme", "lib", "a/action.yml", SHA);
        assertThat(new String(files.read("acme", "lib", "b/action.yml", "v1").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("b/action.yml@v1");
        assertThat(reads).containsExactly("a/action.yml@" + SHA, "b/action.yml@v1", "b/action.yml@v1");
        clock.advance(Duration.ofHours(24));
        files.read("acme", "lib", "a/action.yml", SHA);
        assertThat(reads).hasSize(4);
    }

    @Test
    void aMissingFileIsRememberedAndAFailureIsNot() {
        assertThat(files.read("acme", "lib", "missing/action.yml", "v1")).isEmpty();
        assertThat(files.read("acme", "lib", "missing/action.yml", "v1")).isEmpty();
        failing = true;
        assertThat(files.read("acme", "lib", "a/action.yml", "v1")).as("a failure is an unknown callee").isEmpty();
        failing = false;
        assertThat(files.read("acme", "lib", "a/action.yml", "v1")).isPresent();
        assertThat(reads).containsExactly("missing/action.yml@v1", "a/action.yml@v1", "a/action.yml@v1");
    }

    @Test
    void theLeastRecentlyUsedFileGoesFirst() {
        files.read("acme", "lib", "a/action.yml", SHA);
        files.read("acme", "lib", "b/action.yml", SHA);
        files.read("acme", "lib", "a/action.yml", SHA);
        files.read("acme", "lib", "c/action.yml", SHA);
        assertThat(files.size()).isEqualTo(2);
        files.read("acme", "lib", "a/action.yml", SHA);
        files.read("acme", "lib", "b/action.yml", SHA);
        assertThat(reads).containsExactly("a/action.yml@" + SHA, "b/action.yml@" + SHA, "c/action.yml@" + SHA, "b/action.yml@" + SHA);
    }
}
