package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;

/**
 * The progress of one organisation-wide scan; {@code audit.org-scans} is compacted by scan id, so the latest record is
 * where the scan stands and what a restarted auditor resumes from.
 *
 * @param repositories      the repositories (names within the org) the scan was limited to; empty for all of them
 * @param repositoriesTotal the repositories to scan, once the org has been listed
 * @param done              the repositories already scanned or failed, which a resumed scan skips
 * @param reason            why the scan failed
 * @param pausedUntil       while paused by GitHub's rate limit, when it resumes
 */
public record OrgScanProgress(
        String scanId,
        String org,
        List<String> repositories,
        OrgScanState state,
        Integer repositoriesTotal,
        Integer repositoriesScanned,
        Integer repositoriesFailed,
        Integer findings,
        List<String> done,
        String requestedBy,
        String reason,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        Instant pausedUntil) {

    public OrgScanProgress {
        Wire.required(scanId, "scanId");
        Wire.required(org, "org");
        Wire.required(state, "state");
        Wire.required(repositoriesScanned, "repositoriesScanned");
        Wire.required(repositoriesFailed, "repositoriesFailed");
        Wire.required(findings, "findings");
        Wire.required(requestedBy, "requestedBy");
        Wire.required(startedAt, "startedAt");
        Wire.required(updatedAt, "updatedAt");
        repositories = Wire.listOrEmpty(repositories);
        done = Wire.listOrEmpty(done);
    }
}
