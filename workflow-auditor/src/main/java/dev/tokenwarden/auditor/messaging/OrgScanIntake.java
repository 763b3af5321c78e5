package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.OrgScanProgress;
import dev.tokenwarden.platform.events.CatchUp;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every instance's org scan progress back from the compacted {@code audit.org-scans} (a new group id per start,
 * from the beginning), so any instance answers {@code GET /org-scans} and a restarted one finds the scans left
 * unfinished. {@link #caughtUp()} says whether the records in the topic at assignment have all been read: until then a
 * scan that looks abandoned may have a later record not read yet.
 */
@ApplicationScoped
public class OrgScanIntake {
    static final String CHANNEL = "audit-org-scans";

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.AUDIT_ORG_SCAN);
    private final CatchUp catchUp = new CatchUp();
    private final OrgScans scans;

    public OrgScanIntake(OrgScans scans) {
        this.scans = scans;
    }

    @Produces
    @Identifier(CHANNEL)
    KafkaConsumerRebalanceListener catchUp() {
        return catchUp;
    }

    @Incoming(CHANNEL)
    public void restore(ConsumerRecord<String, byte[]> record) {
        try {
            InboundEvent event = reader.read(record);
            if (!event.isTombstone()) {
                scans.restore(OrgScanRecords.fromEvent(event.payload(OrgScanProgress.class)));
            }
        } finally {
            // A record sent to the dead-letter topic is read too, or the catch-up would never end.
            catchUp.consumed(record);
        }
    }

    public boolean caughtUp() {
        return catchUp.caughtUp();
    }
}
