package dev.tokenwarden.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilencesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Map<String, String> C1 = Map.of("credential", "c1");

    private final Silence created = new Silence("s1", List.of(Matcher.parse("credential=\"c1\"")), T0,
            T0.plus(Duration.ofHours(2)), "alice", "maintenance", null);
    private final Silence expired = created.expiredAt(T0.plus(Duration.ofMinutes(30)), "bob");

    @Test
    void anExpiredCopyReadBeforeTheCreatedOneStaysExpired() {
        Silences inOrder = new Silences();
        inOrder.apply(created);
        inOrder.apply(expired);
        Silences reversed = new Silences();
        reversed.apply(expired);
        reversed.apply(created);

        for (Silences silences : List.of(inOrder, reversed)) {
            assertThat(silences.all()).containsExactly(expired);
            assertThat(silences.muting(C1, T0.plus(Duration.ofMinutes(10)))).isPresent();
            assertThat(silences.muting(C1, T0.plus(Duration.ofMinutes(30)))).isEmpty();
        }
    }

    @Test
    void expiringNamesWhoAndNeverLengthensASilence() {
        assertThat(expired.expiredBy()).isEqualTo("bob");
        assertThat(expired.endsAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(expired.expiredAt(T0.plus(Duration.ofHours(1)), "carol").endsAt()).isEqualTo(expired.endsAt());
        assertThat(expired.endedAt(T0.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(created.endedAt(T0.plus(Duration.ofMinutes(30)))).isFalse();
    }

    @Test
    void aSilenceIsPastRetentionOnlyOnceItEndedLongerThanTheRetentionAgo() {
        Duration retention = Duration.ofDays(5);
        Instant retentionEnds = expired.endsAt().plus(retention);
        Silences silences = new Silences();
        silences.apply(expired);

        assertThat(silences.pastRetention(retentionEnds, retention)).isEmpty();
        assertThat(silences.pastRetention(retentionEnds.plusSeconds(1), retention)).containsExactly(expired);

        silences.remove(expired.id());
        silences.remove(expired.id());
        assertThat(silences.all()).isEmpty();
    }
}
