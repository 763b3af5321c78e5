package dev.tokenwarden.auditor.domain.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.auditor.domain.fix.TagResolutionException;
import dev.tokenwarden.sandbox.github.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedTagResolverTest {
    private static final String SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T07:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private boolean failing;
    private final CachedTagResolver tags = new CachedTagResolver((owner, repo, tag) -> {
        asked.add(owner + "/" + repo + "@" + tag);
        if (failing) {
            throw new TagResolutionException("GitHub unavailable");
        }
        return tag.equals("v0") ? Optional.empty() : Optional.of(SHA);
    }, clock, 2, Duration.ofMinutes(10));

    @Test
    void aTagIsKeptForAWhileThenAskedAgainSinceItCanMove() throws Exception {
        assertThat(tags.commitSha("actions", "checkout", "v4")).contains(SHA);
        assertThat(tags.commitSha("actions", "checkout", "v4")).contains(SHA);
        clock.advance(Duration.ofMinutes(11));
        tags.commitSha("actions", "checkout", "v4");
        assertThat(asked).containsExactly("actions/checkout@v4", "actions/checkout@v4");
    }

    @Test
    void aMissingTagIsRememberedAFailureIsNotAndTheLeastRecentlyUsedGoesFirst() throws Exception {
        assertThat(tags.commitSha("actions", "checkout", "v0")).isEmpty();
        assertThat(tags.commitSha("actions", "checkout", "v0")).isEmpty();
        failing = true;
        assertThatThrownBy(() -> tags.commitSha("actions", "setup-java", "v4")).isInstanceOf(TagResolutionException.class);
        failing = false;
        tags.commitSha("actions", "setup-java", "v4");
        tags.commitSha("actions", "cache", "v4");
        tags.commitSha("actions", "checkout", "v0");
        assertThat(asked).containsExactly("actions/checkout@v0", "actions/setup-java@v4", "actions/setup-java@v4", "actions/cache@v4",
                "actions/checkout@v0");
    }
}
