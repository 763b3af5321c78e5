package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.Revocations;
import dev.tokenwarden.events.CredentialExposed;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.InboundEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code credential.exposed}: a leaked value's hash. A value the ledger knows is revoked at once and its
 * credential marked revoked, which makes the scheduler order an {@code exposed} rotation. Idempotent: a
 * value already revoked is left alone.
 */
@ApplicationScoped
public class CredentialExposedConsumer {
    private static final Logger LOG = Logger.getLogger(CredentialExposedConsumer.class);

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.CREDENTIAL_EXPOSED);
    private final Revocations revocations;
    private final StateRebuild rebuild;
    private final BrokerConfig config;

    public CredentialExposedConsumer(Revocations revocations, StateRebuild rebuild, BrokerConfig config) {
        this.revocations = revocations;
        this.rebuild = rebuild;
        this.config = config;
    }

    @Incoming(Channels.CREDENTIAL_EXPOSED_IN)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        rebuild.await(config.rebuildTimeout());
        CredentialExposed exposure = event.payload(CredentialExposed.class);
        Revocations.ExposureOutcome outcome = revocations.exposed(exposure);
        LOG.infof("exposure %s of value %s: %s", event.id(), exposure.valueHash(), outcome);
    }
}
