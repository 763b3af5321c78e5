package dev.tokenwarden.auditor.domain.orgscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgScanTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration STALE = Duration.ofMinutes(5);

    @Test
    void countsWhatEachRepositoryGaveAndRemembersItAsDone() {
        OrgScan scan = OrgScan.queued("s1", "acme", List.of(), "otto", T0).running(T0).listed(3, T0)
                .scanned("api", 4, T0.plusSeconds(1)).repositoryFailed("gone", T0.plusSeconds(2));

        assertThat(scan.repositoriesTotal()).isEqualTo(3);
        assertThat(scan.repositoriesScanned()).isEqualTo(1);
        assertThat(scan.repositoriesFailed()).isEqualTo(1);
        assertThat(scan.findings()).isEqualTo(4);
        assertThat(scan.isDone("api")).isTrue();
        assertThat(scan.isDone("gone")).isTrue();
        assertThat(scan.isDone("web")).isFalse();
        assertThat(scan.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aPauseShowsItsResetUntilTheScanRunsAgain() {
        OrgScan paused = OrgScan.queued("s1", "acme", List.of(), "otto", T0).running(T0).paused(T0.plusSeconds(60), T0);
        assertThat(paused.state()).isEqualTo(OrgScan.State.PAUSED_RATE_LIMITED);
        assertThat(paused.pausedUntil()).isEqualTo(T0.plusSeconds(60));

        OrgScan resumed = paused.running(T0.plusSeconds(60));
        assertThat(resumed.state()).isEqualTo(OrgScan.State.RUNNING);
        assertThat(resumed.pausedUntil()).isNull();
    }

    @Test
    void anUnfinishedScanIsAbandonedOnceNotAdvancedForTheStaleTimePastItsPause() {
        OrgScan running = OrgScan.queued("s1", "acme", List.of(), "otto", T0).running(T0);
        assertThat(running.abandoned(T0.plus(STALE), STALE)).isFalse();
        assertThat(running.abandoned(T0.plus(STALE).plusSeconds(1), STALE)).isTrue();

        OrgScan paused = running.paused(T0.plus(Duration.ofHours(1)), T0);
        assertThat(paused.abandoned(T0.plus(Duration.ofMinutes(30)), STALE)).as("waiting for the reset").isFalse();
        assertThat(paused.abandoned(T0.plus(Duration.ofHours(1)).plus(STALE).plusSeconds(1), STALE)).isTrue();

        assertThat(running.completed(T0).abandoned(T0.plus(Duration.ofDays(1)), STALE)).isFalse();
        assertThat(running.failed("no such org", T0).abandoned(T0.plus(Duration.ofDays(1)), STALE)).isFalse();
    }

    @Test
    void aRecordReadBackReplacesOnlyAnOlderOne() {
        OrgScans scans = new OrgScans();
        OrgScan first = OrgScan.queued("s1", "acme", List.of(), "otto", T0);
        OrgScan later = first.running(T0.plusSeconds(5));
        scans.put(later);
        scans.restore(first);
        assertThat(scans.get("s1")).contains(later);
        assertThat(scans.unfinished("ACME")).contains(later);
        scans.restore(later.completed(T0.plusSeconds(9)));
        assertThat(scans.get("s1").orElseThrow().state()).isEqualTo(OrgScan.State.COMPLETED);
        assertThat(scans.unfinished("acme")).isEmpty();
    }

    @Test
    void theBudgetFloorPausesUntilAResetStillAhead() {
        assertThat(RateBudget.pauseUntil(99, T0.plusSeconds(600), 100, T0)).contains(T0.plusSeconds(600));
        assertThat(RateBudget.pauseUntil(100, T0.plusSeconds(600), 100, T0)).isEmpty();
        assertThat(RateBudget.pauseUntil(0, T0.minusSeconds(1), 100, T0)).as("the window has already reset").isEmpty();
    }
}
