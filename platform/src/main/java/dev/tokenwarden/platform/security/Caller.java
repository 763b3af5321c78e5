package dev.tokenwarden.platform.security;

import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.Service;
import java.time.Instant;

/** Who is calling, in their strongest role: what {@code operator.actions} records. */
public record Caller(String principal, Role role) {

    /** The {@code operator.actions} record of something this caller did. */
    public OperatorAction action(String actionId, Service service, String action, String target, String outcome, Instant at) {
        return new OperatorAction(actionId, principal, role.id(), service.id(), action, target, outcome, at);
    }
}
