package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.DueRotations;
import dev.tokenwarden.broker.domain.RotationResult;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import dev.tokenwarden.platform.events.RecentEventIds;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code rotation.due}: each order runs the rotation for its credential. Idempotent twice over: an exact
 * redelivery ({@code ce_id} seen) is skipped here, and the rotation itself is keyed by the rotation id.
 */
@ApplicationScoped
public class RotationDueConsumer {
    private static final Logger LOG = Logger.getLogger(RotationDueConsumer.class);

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.ROTATION_DUE);
    private final RecentEventIds completed = new RecentEventIds(10_000);
    private final DueRotations rotations;
    private final StateRebuild rebuild;
    private final BrokerConfig config;

    public RotationDueConsumer(DueRotations rotations, StateRebuild rebuild, BrokerConfig config) {
        this.rotations = rotations;
        this.rebuild = rebuild;
        this.config = config;
    }

    /**
     * On a worker pool of its own ({@code smallrye.messaging.worker.rotations.max-concurrency}): an emergency puts
     * thousands of orders on the topic at once, and rotations waiting their turn under GitHub's secondary limit must
     * not take every thread of Quarkus' shared pool, which also answers the health checks and the REST API.
     */
    @Incoming(Channels.ROTATION_DUE_IN)
    @Blocking(value = "rotations", ordered = false)
    public void consume(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (completed.contains(event.id())) {
            return;
        }
        rebuild.await(config.rebuildTimeout());
        RotationDue due = event.payload(RotationDue.class);
        RotationResult result = rotations.handle(due);
        if (result.outcome() == RotationResult.Outcome.FAILED) {
            LOG.warnf("rotation %s of %s failed at %s (retryable: %s): %s", due.rotationId(), due.credentialId(),
                    result.failedStep(), result.retryable(), result.failure());
        } else {
            LOG.infof("rotation %s of %s: %s", due.rotationId(), due.credentialId(), result.outcome());
        }
        completed.remember(event.id());
    }
}
