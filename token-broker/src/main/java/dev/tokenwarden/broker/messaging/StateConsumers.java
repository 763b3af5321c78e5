package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.domain.CredentialStates;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.RateLimits;
import dev.tokenwarden.broker.domain.UsageBook;
import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the compacted topics the broker's state is made of, from the beginning on every start (each
 * process has a group of its own), and keeps reading them, so the books follow other replicas' writes.
 * Applying a record twice is harmless: the books keep the newer of two versions.
 */
@ApplicationScoped
public class StateConsumers {
    private final CloudEventReader ledgerReader = CloudEventReader.accepting(EventType.LEDGER_ENTRY);
    private final CloudEventReader stateReader = CloudEventReader.accepting(EventType.CREDENTIAL_STATE);
    private final CloudEventReader rateLimitReader = CloudEventReader.accepting(EventType.RATE_LIMIT_OBSERVED);
    private final CloudEventReader usageReader = CloudEventReader.accepting(EventType.CREDENTIAL_USAGE, EventType.AUDIT_LOG_CURSOR);
    private final Ledger ledger;
    private final CredentialStates states;
    private final RateLimits rateLimits;
    private final UsageBook usage;
    private final StateRebuild rebuild;

    public StateConsumers(Ledger ledger, CredentialStates states, RateLimits rateLimits, UsageBook usage, StateRebuild rebuild) {
        this.ledger = ledger;
        this.states = states;
        this.rateLimits = rateLimits;
        this.usage = usage;
        this.rebuild = rebuild;
    }

    @Incoming(Channels.LEDGER_IN)
    public void ledger(ConsumerRecord<String, byte[]> record) {
        follow(record, ledgerReader, LedgerEntry.class, ledger::apply, key -> { });
    }

    @Incoming(Channels.CREDENTIAL_STATE_IN)
    public void credentialState(ConsumerRecord<String, byte[]> record) {
        follow(record, stateReader, CredentialState.class, states::apply, states::forget);
    }

    @Incoming(Channels.RATE_LIMITS_IN)
    public void rateLimit(ConsumerRecord<String, byte[]> record) {
        follow(record, rateLimitReader, RateLimitObservation.class, rateLimits::apply, key -> { });
    }

    /** Usage facts and audit-log cursors share the topic; each type goes to its own book entry. */
    @Incoming(Channels.CREDENTIAL_USAGE_IN)
    public void usage(ConsumerRecord<String, byte[]> record) {
        follow(record, usageReader, Record.class, payload -> {
            switch (payload) {
                case CredentialUsage fact -> usage.apply(fact);
                case AuditLogCursor cursor -> usage.apply(cursor);
                default -> throw new IllegalStateException("unexpected payload on credential.usage: " + payload.getClass().getSimpleName());
            }
        }, key -> { });
    }

    /**
     * Applies one record, or its tombstone. A record the reader refuses goes to the dead-letter topic, and
     * still counts as read for the rebuild: waiting for it would wait forever.
     */
    private <T extends Record> void follow(ConsumerRecord<String, byte[]> record, CloudEventReader reader, Class<T> type,
            Consumer<T> apply, Consumer<String> tombstone) {
        try {
            InboundEvent event = reader.read(record);
            if (event.isTombstone()) {
                tombstone.accept(event.key());
            } else {
                apply.accept(event.payload(type));
            }
        } finally {
            rebuild.applied(record);
        }
    }
}
