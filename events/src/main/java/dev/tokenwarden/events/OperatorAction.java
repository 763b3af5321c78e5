package dev.tokenwarden.events;

import java.time.Instant;

/** A state-changing call by a person or workload: who, in what role, did what to what, and how it ended. */
public record OperatorAction(
        String actionId,
        String principal,
        String role,
        String service,
        String action,
        String target,
        String outcome,
        Instant at) {

    public OperatorAction {
        Wire.required(actionId, "actionId");
        Wire.required(principal, "principal");
        Wire.required(role, "role");
        Wire.required(service, "service");
        Wire.required(action, "action");
        Wire.required(target, "target");
        Wire.required(outcome, "outcome");
        Wire.required(at, "at");
    }
}
