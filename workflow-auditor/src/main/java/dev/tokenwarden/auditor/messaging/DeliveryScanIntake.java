package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.webhook.DeliveryLog;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.ScanSummary;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Replay protection that outlives a restart and spans instances: every instance reads {@code audit.scans} from the
 * beginning (a new group id per start) and remembers the scans published for webhook deliveries, so a delivery
 * GitHub sends again, to any instance, after any restart, is recognised by its scan id.
 */
@ApplicationScoped
public class DeliveryScanIntake {
    static final String CHANNEL = "audit-scans";
    private static final Set<ScanTrigger> DELIVERED = Set.of(ScanTrigger.PUSH, ScanTrigger.PULL_REQUEST);

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.AUDIT_SCAN);
    private final DeliveryLog deliveries;

    public DeliveryScanIntake(DeliveryLog deliveries) {
        this.deliveries = deliveries;
    }

    @Incoming(CHANNEL)
    public void remember(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.isTombstone()) {
            return;
        }
        ScanSummary summary = event.payload(ScanSummary.class);
        if (DELIVERED.contains(summary.trigger())) {
            deliveries.published(summary.scanId());
        }
    }
}
