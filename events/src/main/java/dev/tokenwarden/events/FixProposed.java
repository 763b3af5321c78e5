package dev.tokenwarden.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workflow-auditor opened a pull request that fixes findings in a repository's workflows: where it is, what it
 * changes (files, fixes per rule) and how many findings it had to leave as they are.
 */
public record FixProposed(
        String repository,
        String baseBranch,
        String branch,
        Long pullRequestNumber,
        String pullRequestUrl,
        String headCommit,
        List<String> files,
        Map<String, Integer> fixesByRule,
        Integer unfixable,
        String requestedBy,
        Instant proposedAt) {

    public FixProposed {
        Wire.required(repository, "repository");
        Wire.required(baseBranch, "baseBranch");
        Wire.required(branch, "branch");
        Wire.required(pullRequestNumber, "pullRequestNumber");
        Wire.required(pullRequestUrl, "pullRequestUrl");
        Wire.required(headCommit, "headCommit");
        Wire.required(unfixable, "unfixable");
        Wire.required(proposedAt, "proposedAt");
        files = Wire.listOrEmpty(files);
        fixesByRule = Wire.mapOrEmpty(fixesByRule);
    }
}
