package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;

/**
 * What the broker tells the rest of the system. Each call returns once Kafka has acknowledged the record
 * and throws {@link BrokerFailure} when it has not, so no step counts as done on an unsent event.
 */
public interface BrokerEvents {
    void rotated(TokenRotated event);

    void rotationFailed(RotationFailed event);

    void revoked(TokenRevoked event);

    void state(CredentialState state);

    void ledger(LedgerEntry entry);

    void incident(Incident incident);

    void usage(CredentialUsage usage);

    void cursor(AuditLogCursor cursor);
}
