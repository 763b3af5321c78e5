package dev.tokenwarden.auditor.domain.orgscan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One organisation-wide scan and how far it got. Immutable: each step returns the scan after it, stamped
 * {@code updatedAt}. {@code done} names the repositories already scanned or failed, which a resumed scan skips.
 */
public record OrgScan(String id, String org, List<String> repositories, State state, Integer repositoriesTotal,
                      int repositoriesScanned, int repositoriesFailed, int findings, Set<String> done, String requestedBy,
                      String reason, Instant startedAt, Instant updatedAt, Instant finishedAt, Instant pausedUntil) {

    public enum State {
        QUEUED, RUNNING, PAUSED_RATE_LIMITED, COMPLETED, FAILED;

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public OrgScan {
        repositories = List.copyOf(repositories);
        done = Set.copyOf(done);
    }

    public static OrgScan queued(String id, String org, List<String> repositories, String requestedBy, Instant now) {
        return new OrgScan(id, org, repositories, State.QUEUED, null, 0, 0, 0, Set.of(), requestedBy, null, now, now, null, null);
    }

    public OrgScan running(Instant now) {
        return with(State.RUNNING, repositoriesTotal, repositoriesScanned, repositoriesFailed, findings, done, null, now, null, null);
    }

    public OrgScan listed(int total, Instant now) {
        return with(state, total, repositoriesScanned, repositoriesFailed, findings, done, reason, now, finishedAt, pausedUntil);
    }

    public OrgScan scanned(String repository, int found, Instant now) {
        return with(state, repositoriesTotal, repositoriesScanned + 1, repositoriesFailed, findings + found, plus(repository),
                reason, now, finishedAt, pausedUntil);
    }

    public OrgScan repositoryFailed(String repository, Instant now) {
        return with(state, repositoriesTotal, repositoriesScanned, repositoriesFailed + 1, findings, plus(repository), reason, now,
                finishedAt, pausedUntil);
    }

    public OrgScan paused(Instant until, Instant now) {
        return with(State.PAUSED_RATE_LIMITED, repositoriesTotal, repositoriesScanned, repositoriesFailed, findings, done, null, now,
                null, until);
    }

    public OrgScan completed(Instant now) {
        return with(State.COMPLETED, repositoriesTotal, repositoriesScanned, repositoriesFailed, findings, done, null, now, now, null);
    }

    public OrgScan failed(String why, Instant now) {
        return with(State.FAILED, repositoriesTotal, repositoriesScanned, repositoriesFailed, findings, done, why, now, now, null);
    }

    public boolean isDone(String repository) {
        return done.contains(repository);
    }

    /**
     * An unfinished scan nobody has advanced for {@code staleAfter} (past the end of its pause): the instance running it
     * has stopped, and another may resume it.
     */
    public boolean abandoned(Instant now, Duration staleAfter) {
        Instant lastSign = pausedUntil != null && pausedUntil.isAfter(updatedAt) ? pausedUntil : updatedAt;
        return !state.finished() && now.isAfter(lastSign.plus(staleAfter));
    }

    private Set<String> plus(String repository) {
        Set<String> next = new TreeSet<>(done);
        next.add(repository);
        return next;
    }

    private OrgScan with(State next, Integer total, int scanned, int failed, int found, Set<String> finishedRepositories, String why,
                         Instant now, Instant finished, Instant until) {
        return new OrgScan(id, org, repositories, next, total, scanned, failed, found, finishedRepositories, requestedBy, why,
                startedAt, now, finished, until);
    }
}
