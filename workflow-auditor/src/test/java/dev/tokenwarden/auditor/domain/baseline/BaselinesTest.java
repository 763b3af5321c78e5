package dev.tokenwarden.auditor.domain.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Baselines baselines = new Baselines();

    @Test
    void aFirstScanMakesEveryFindingNew() {
        Baselines.Change change = baselines.record("acme/app", Set.of("a", "b"), true, T0);
        assertThat(change.added()).containsExactlyInAnyOrder("a", "b");
        assertThat(change.resolved()).isEmpty();
        assertThat(baselines.known("acme/app")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aFullScanResolvesWhatItNoLongerFinds() {
        baselines.record("acme/app", Set.of("a", "b"), true, T0);
        Baselines.Change change = baselines.record("acme/app", Set.of("b", "c"), true, T0.plusSeconds(1));
        assertThat(change.added()).containsExactly("c");
        assertThat(change.resolved()).containsExactly("a");
        assertThat(change.baseline()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aPartialScanOnlyAdds() {
        baselines.record("acme/app", Set.of("a"), true, T0);
        Baselines.Change change = baselines.record("acme/app", Set.of("c"), false, T0.plusSeconds(1));
        assertThat(change.added()).containsExactly("c");
        assertThat(change.resolved()).isEmpty();
        assertThat(change.baseline()).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void aComparisonCountsWhatIsNewAndRecordsNothing() {
        baselines.record("acme/app", Set.of("a"), true, T0);
        Baselines.Change change = baselines.compare("acme/app", Set.of("a", "proposed"), T0.plusSeconds(1));
        assertThat(change.added()).containsExactly("proposed");
        assertThat(change.resolved()).isEmpty();
        assertThat(baselines.known("acme/app")).containsExactly("a");
    }

    @Test
    void onlyANewerRestoredBaselineReplacesTheKnownOne() {
        baselines.record("acme/app", Set.of("now"), true, T0.plusSeconds(10));
        baselines.restore("acme/app", Set.of("older"), T0);
        assertThat(baselines.known("acme/app")).containsExactly("now");
        baselines.restore("acme/app", Set.of("newer"), T0.plusSeconds(20));
        assertThat(baselines.known("acme/app")).containsExactly("newer");
        baselines.restore("acme/other", Set.of("x"), T0);
        assertThat(baselines.record("acme/other", Set.of("x"), true, T0.plusSeconds(1)).added()).isEmpty();
    }
}
