package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What one scan of one repository found, compared with the repository's baseline. */
public record ScanSummary(
        String scanId,
        String repository,
        ScanTrigger trigger,
        Integer files,
        Map<Severity, Integer> findingsBySeverity,
        Integer newFindings,
        Integer resolvedFindings,
        List<String> errors,
        Long durationMillis,
        Instant finishedAt) {

    public ScanSummary {
        Wire.required(scanId, "scanId");
        Wire.required(repository, "repository");
        Wire.required(trigger, "trigger");
        Wire.required(files, "files");
        Wire.required(newFindings, "newFindings");
        Wire.required(resolvedFindings, "resolvedFindings");
        Wire.required(durationMillis, "durationMillis");
        Wire.required(finishedAt, "finishedAt");
        findingsBySeverity = Wire.mapOrEmpty(findingsBySeverity);
        errors = Wire.listOrEmpty(errors);
    }
}
