package dev.tokenwarden.broker.domain;

import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake of the {@link BrokerEvents} port that keeps every event, as Kafka would. */
final class RecordingEvents implements BrokerEvents {
    final List<Record> all = new CopyOnWriteArrayList<>();

    @Override
    public void rotated(TokenRotated event) {
        all.add(event);
    }

    @Override
    public void rotationFailed(RotationFailed event) {
        all.add(event);
    }

    @Override
    public void revoked(TokenRevoked event) {
        all.add(event);
    }

    @Override
    public void state(CredentialState state) {
        all.add(state);
    }

    @Override
    public void ledger(LedgerEntry entry) {
        all.add(entry);
    }

    @Override
    public void incident(Incident incident) {
        all.add(incident);
    }

    @Override
    public void usage(CredentialUsage usage) {
        all.add(usage);
    }

    @Override
    public void cursor(AuditLogCursor cursor) {
        all.add(cursor);
    }

    <T extends Record> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Record> T last(Class<T> type) {
        return of(type).getLast();
    }
}
