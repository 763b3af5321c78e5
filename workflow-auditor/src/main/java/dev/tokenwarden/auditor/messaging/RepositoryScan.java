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
}
