package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.events.ScanTrigger;
import java.time.Duration;

/**
 * One scan of (part of) one repository, ready to publish. {@code fullScan} says whether every workflow of
 * the repository was scanned, which is what lets a finding count as resolved.
 */
public record RepositoryScan(String scanId, String repository, String ref, String commit, ScanTrigger trigger,
                             boolean fullScan, ScanResult result, Duration duration) {

    /**
     * Whether the scan is of what the repository holds, and so updates its baseline and incidents. A pull request's
     * scan is of a proposed change: compared with the default branch's baseline, it changes neither.
     */
    public boolean movesBaseline() {
        return trigger != ScanTrigger.PULL_REQUEST;
    }
}
