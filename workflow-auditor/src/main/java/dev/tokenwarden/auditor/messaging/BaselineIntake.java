package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.baseline.Baselines;
import dev.tokenwarden.events.AuditBaseline;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Rebuilds the baselines from the compacted {@code audit.baseline}: the channel's group id is new at every
 * start and it reads from the earliest offset, so each instance sees every repository's latest baseline,
 * then keeps up with the other instances' scans. Applying a baseline twice, or an older one, changes nothing.
 */
@ApplicationScoped
public class BaselineIntake {
    static final String CHANNEL = "audit-baseline";

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.AUDIT_BASELINE);
    private final Baselines baselines;

    public BaselineIntake(Baselines baselines) {
        this.baselines = baselines;
    }

    @Incoming(CHANNEL)
    public void restore(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.isTombstone()) {
            return;
        }
        AuditBaseline baseline = event.payload(AuditBaseline.class);
        baselines.restore(baseline.repository(), new HashSet<>(baseline.fingerprints()), baseline.updatedAt());
    }
}
