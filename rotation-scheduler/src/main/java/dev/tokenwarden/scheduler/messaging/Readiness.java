package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.platform.events.CatchUp;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * Whether the schedule has been rebuilt: every topic it is built from has been read up to where it ended
 * when this replica started. No pass runs before, so a restart never emits what it has not yet read back.
 */
@ApplicationScoped
public class Readiness {
    private final Map<String, CatchUp> channels = Map.of(
            Channels.INVENTORY_IN, new CatchUp(),
            Channels.CREDENTIAL_STATE_IN, new CatchUp(),
            Channels.RATELIMIT_IN, new CatchUp(),
            Channels.ROTATION_DUE_IN, new CatchUp(),
            Channels.ROTATION_REQUESTS_IN, new CatchUp());

    @Produces
    @Identifier(Channels.INVENTORY_IN)
    KafkaConsumerRebalanceListener inventory() {
        return channels.get(Channels.INVENTORY_IN);
    }

    @Produces
    @Identifier(Channels.CREDENTIAL_STATE_IN)
    KafkaConsumerRebalanceListener credentialState() {
        return channels.get(Channels.CREDENTIAL_STATE_IN);
    }

    @Produces
    @Identifier(Channels.RATELIMIT_IN)
    KafkaConsumerRebalanceListener rateLimit() {
        return channels.get(Channels.RATELIMIT_IN);
    }

    @Produces
    @Identifier(Channels.ROTATION_DUE_IN)
    KafkaConsumerRebalanceListener rotationDue() {
        return channels.get(Channels.ROTATION_DUE_IN);
    }

    @Produces
    @Identifier(Channels.ROTATION_REQUESTS_IN)
    KafkaConsumerRebalanceListener rotationRequests() {
        return channels.get(Channels.ROTATION_REQUESTS_IN);
    }

    void consumed(String channel, org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record) {
        channels.get(channel).consumed(record);
    }

    public boolean rebuilt() {
        return channels.values().stream().allMatch(CatchUp::caughtUp);
    }
}
