package dev.tokenwarden.console.messaging;

import dev.tokenwarden.console.domain.ReadModel;
import dev.tokenwarden.events.AuditFinding;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationFailed;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.TokenRevoked;
import dev.tokenwarden.events.TokenRotated;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the read model from every topic it shows. Each channel reads its topic from the beginning with a group
 * of its own per process (so every replica holds the whole picture, rebuilt at start); a record that fails the
 * CloudEvents checks goes to {@code tokenwarden.console.<topic>.dlq}. The model's updates are idempotent, so
 * a redelivery changes nothing. Nothing here blocks: the model is in memory.
 */
@ApplicationScoped
public class TopicConsumers {
    private static final CloudEventReader INVENTORY = CloudEventReader.accepting(EventType.INVENTORY_ENTRY);
    private static final CloudEventReader STATE = CloudEventReader.accepting(EventType.CREDENTIAL_STATE);
    private static final CloudEventReader LEDGER = CloudEventReader.accepting(EventType.LEDGER_ENTRY);
    private static final CloudEventReader DUE = CloudEventReader.accepting(EventType.ROTATION_DUE);
    private static final CloudEventReader LIFECYCLE = CloudEventReader.accepting(
            EventType.TOKEN_ROTATED, EventType.TOKEN_ROTATION_FAILED, EventType.TOKEN_REVOKED);
    private static final CloudEventReader FINDINGS = CloudEventReader.accepting(EventType.AUDIT_FINDING);
    private static final CloudEventReader SCANS = CloudEventReader.accepting(EventType.AUDIT_SCAN);
    private static final CloudEventReader INCIDENTS = CloudEventReader.accepting(EventType.INCIDENT);
    private static final CloudEventReader DELIVERIES = CloudEventReader.accepting(EventType.NOTIFICATION_DELIVERY);
    private static final CloudEventReader ACTIONS = CloudEventReader.accepting(EventType.OPERATOR_ACTION);

    private final ReadModel model;

    public TopicConsumers(ReadModel model) {
        this.model = model;
    }

    @Incoming("inventory")
    public void inventory(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = INVENTORY.read(record);
        model.inventory(event.key(), event.isTombstone() ? null : event.payload(InventoryEntry.class));
    }

    @Incoming("credential-state")
    public void state(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = STATE.read(record);
        model.state(event.key(), event.isTombstone() ? null : event.payload(CredentialState.class));
    }

    /** A ledger tombstone removes a hash the broker no longer tracks; the credential page keeps its history. */
    @Incoming("ledger")
    public void ledger(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = LEDGER.read(record);
        if (!event.isTombstone()) {
            model.ledger(event.payload(LedgerEntry.class));
        }
    }

    @Incoming("rotation-due")
    public void rotationDue(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = DUE.read(record);
        model.rotationDue(event.id(), event.payload(RotationDue.class));
    }

    @Incoming("token-lifecycle")
    public void lifecycle(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = LIFECYCLE.read(record);
        switch (event.type()) {
            case TOKEN_ROTATED -> model.rotated(event.id(), event.payload(TokenRotated.class));
            case TOKEN_ROTATION_FAILED -> model.rotationFailed(event.id(), event.payload(RotationFailed.class));
            case TOKEN_REVOKED -> model.revoked(event.id(), event.payload(TokenRevoked.class));
            default -> throw new IllegalStateException("the reader accepts no " + event.type());
        }
    }

    @Incoming("audit-findings")
    public void finding(ConsumerRecord<String, byte[]> record) {
        model.finding(FINDINGS.read(record).payload(AuditFinding.class));
    }

    @Incoming("audit-scans")
    public void scan(ConsumerRecord<String, byte[]> record) {
        model.scan(SCANS.read(record).payload(ScanSummary.class));
    }

    @Incoming("incidents")
    public void incident(ConsumerRecord<String, byte[]> record) {
        model.incident(INCIDENTS.read(record).payload(Incident.class));
    }

    @Incoming("notifications")
    public void delivery(ConsumerRecord<String, byte[]> record) {
        model.delivery(DELIVERIES.read(record).payload(DeliveryRecord.class));
    }

    @Incoming("operator-actions")
    public void action(ConsumerRecord<String, byte[]> record) {
        model.action(ACTIONS.read(record).payload(OperatorAction.class));
    }
}
