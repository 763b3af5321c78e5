package dev.tokenwarden.bench;

import dev.tokenwarden.broker.domain.BrokerEvents;
import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events serialised as they would be for Kafka and then dropped: the benchmark counts the broker's work
 * of building them, not Kafka's acknowledgement latency.
 */
final class CountingEvents implements BrokerEvents {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    private void count(Record event) {
        bytes.addAndGet(EventJson.write(event).length);
    }

    @Override
    public void rotated(TokenRotated event) {
        count(event);
    }

    @Override
    public void rotationFailed(RotationFailed event) {
        failures.incrementAndGet();
        count(event);
    }

    @Override
    public void revoked(TokenRevoked event) {
        count(event);
    }

    @Override
    public void state(CredentialState state) {
        count(state);
    }

    @Override
    public void ledger(LedgerEntry entry) {
        count(entry);
    }

    @Override
    public void incident(Incident incident) {
        count(incident);
    }

    @Override
    public void usage(CredentialUsage usage) {
        count(usage);
    }

    @Override
    public void cursor(AuditLogCursor cursor) {
        count(cursor);
    }
}
