package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.Topics;
import dev.tokenwarden.scheduler.domain.Schedule;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Replicas share the inventory by partition: this replica schedules exactly the credentials whose inventory
 * partition its member of the {@code rotation-scheduler} group holds. A partition revoked here is assigned
 * to another member, which finds every emission in {@code rotation.due}, so a rebalance loses none.
 */
@ApplicationScoped
@Identifier(Channels.INVENTORY_OWNERSHIP)
public class OwnershipListener implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(OwnershipListener.class);
    private final Schedule schedule;

    public OwnershipListener(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // The topic's partition count sets this replica's share of the mint budgets (Pacing.replicaShare).
        schedule.assign(numbers(partitions), consumer.partitionsFor(Topics.INVENTORY).size());
        LOG.infof("inventory partitions assigned %s; owned now %s", numbers(partitions), schedule.ownedPartitions());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        schedule.revoke(numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        schedule.revoke(numbers(partitions));
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
