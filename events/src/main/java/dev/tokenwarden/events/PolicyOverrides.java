package dev.tokenwarden.events;

import java.time.Duration;

/**
 * Per-credential exceptions to its tier policy; every field is optional.
 *
 * @param rotationPeriod a shorter (or, where policy allows, longer) rotation period than the tier's
 * @param warningLead how long before expiry a PAT's owner is warned and its rotation falls due
 * @param workflowsWrite grants {@code workflows:write} to a workflow-tier token; never implied by the tier
 */
public record PolicyOverrides(Duration rotationPeriod, Duration warningLead, Boolean workflowsWrite) {
    public static final PolicyOverrides NONE = new PolicyOverrides(null, null, null);
}
