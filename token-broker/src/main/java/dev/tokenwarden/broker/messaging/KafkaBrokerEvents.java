package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.BrokerEvents;
import dev.tokenwarden.broker.domain.BrokerFailure;
import dev.tokenwarden.events.AuditLogCursor;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialUsage;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.IncidentPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The broker's events on Kafka. Every send waits for the broker's acknowledgement (bounded by
 * {@code tokenwarden.broker.publish-timeout}) so a rotation step counts as done only once its event is
 * written. Lifecycle events carry deterministic ids, so a redelivered rotation republishes the same event
 * and consumers remembering {@code ce_id} see it once.
 */
@ApplicationScoped
public class KafkaBrokerEvents implements BrokerEvents {
    private final EventPublisher publisher;
    private final IncidentPublisher incidents;
    private final Emitter<byte[]> lifecycle;
    private final Emitter<byte[]> states;
    private final Emitter<byte[]> ledger;
    private final Emitter<byte[]> usage;
    private final BrokerConfig config;

    public KafkaBrokerEvents(EventPublisher publisher, IncidentPublisher incidents,
            @Channel(Channels.TOKEN_LIFECYCLE_OUT) Emitter<byte[]> lifecycle,
            @Channel(Channels.CREDENTIAL_STATE_OUT) Emitter<byte[]> states,
            @Channel(Channels.LEDGER_OUT) Emitter<byte[]> ledger,
            @Channel(Channels.CREDENTIAL_USAGE_OUT) Emitter<byte[]> usage,
            BrokerConfig config) {
        this.publisher = publisher;
        this.incidents = incidents;
        this.lifecycle = lifecycle;
        this.states = states;
        this.ledger = ledger;
        this.usage = usage;
        this.config = config;
    }

    @Override
    public void rotated(TokenRotated event) {
        await("token.rotated " + event.rotationId(), publisher.send(lifecycle, EventType.TOKEN_ROTATED, event.credentialId(),
                "token.rotated/" + event.rotationId(), event));
    }

    @Override
    public void rotationFailed(RotationFailed event) {
        await("token.rotation-failed " + event.rotationId(), publisher.send(lifecycle, EventType.TOKEN_ROTATION_FAILED,
                event.credentialId(), "token.rotation-failed/" + event.rotationId() + "/" + event.attempt() + "/" + event.step(), event));
    }

    @Override
    public void revoked(TokenRevoked event) {
        await("token.revoked " + event.credentialId(), publisher.send(lifecycle, EventType.TOKEN_REVOKED, event.credentialId(),
                "token.revoked/" + event.valueHash(), event));
    }

    @Override
    public void state(CredentialState state) {
        await("credential.state " + state.credentialId(), publisher.send(states, EventType.CREDENTIAL_STATE, state.credentialId(),
                UUID.randomUUID().toString(), state));
    }

    @Override
    public void ledger(LedgerEntry entry) {
        await("ledger entry of " + entry.credentialId(), publisher.send(ledger, EventType.LEDGER_ENTRY, entry.valueHash(),
                UUID.randomUUID().toString(), entry));
    }

    @Override
    public void incident(Incident incident) {
        await("incident " + incident.incidentKey(), incidents.publish(incident));
    }

    @Override
    public void usage(CredentialUsage record) {
        await("usage of " + record.credentialId(), publisher.send(usage, EventType.CREDENTIAL_USAGE, record.credentialId(),
                UUID.randomUUID().toString(), record));
    }

    @Override
    public void cursor(AuditLogCursor cursor) {
        await("audit log cursor of " + cursor.org(), publisher.send(usage, EventType.AUDIT_LOG_CURSOR, AuditLogCursor.key(cursor.org()),
                UUID.randomUUID().toString(), cursor));
    }

    private void await(String what, CompletionStage<Void> sent) {
        try {
            sent.toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerFailure("interrupted while publishing " + what, true, e);
        } catch (ExecutionException e) {
            throw new BrokerFailure("Kafka did not take " + what + ": " + e.getCause(), true, e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerFailure("Kafka did not acknowledge " + what + " within " + config.publishTimeout(), true, e);
        }
    }
}
