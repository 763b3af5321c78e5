package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.SilenceRecord;
import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.InboundEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Silences are durable on the compacted {@code tokenwarden.silences}, keyed by silence id. A change takes effect
 * here only once the broker acknowledged it; the channel {@value #CHANNEL} (a new group id per start, from the
 * earliest offset) applies every replica's changes, its own included, which {@code Silences.apply} makes harmless. A
 * silence ended longer than {@code tokenwarden.notifier.silences.retention} ago is deleted with a tombstone.
 */
@ApplicationScoped
public class SilenceLog {
    static final String CHANNEL = "silences";
    private static final Logger LOG = Logger.getLogger(SilenceLog.class);
    private static final long ACK_TIMEOUT_SECONDS = 10;

    private final CloudEventReader reader = CloudEventReader.accepting(EventType.SILENCE);
    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;
    private final NotificationPipeline pipeline;
    private final Clock clock;
    private final Duration retention;
    /** Silences whose tombstone awaits the broker's acknowledgement, so a tick does not send it again meanwhile. */
    private final Set<String> tombstoning = ConcurrentHashMap.newKeySet();

    public SilenceLog(EventPublisher publisher, @Channel("silences-out") Emitter<byte[]> channel, NotificationPipeline pipeline,
            Clock clock, NotifierConfig config) {
        this.publisher = publisher;
        this.channel = channel;
        this.pipeline = pipeline;
        this.clock = clock;
        this.retention = config.silences().retention();
    }

    /** Writes a created or expired silence; completes once the broker acknowledged it and it is in effect here. */
    public CompletionStage<Void> write(Silence silence) {
        return publisher.send(channel, EventType.SILENCE, silence.id(), SilenceMapper.toRecord(silence, clock.instant()))
                .thenRun(() -> pipeline.silences().apply(silence));
    }

    @Incoming(CHANNEL)
    public void consume(ConsumerRecord<String, byte[]> record) {
        replay(reader.read(record), pipeline);
    }

    /** One record of the topic into {@code target}, live or at start: a tombstone removes, anything else applies. */
    static void replay(InboundEvent event, StateRebuild.Target target) {
        if (event.isTombstone()) {
            target.removeSilence(event.key());
        } else {
            target.replay(SilenceMapper.toDomain(event.payload(SilenceRecord.class)));
        }
    }

    /**
     * Drops silences that ended longer than the retention ago: a tombstone so compaction removes them from the topic,
     * and out of the list once the broker acknowledged it. Every replica does this; a second tombstone for the same
     * key changes nothing. A tombstone that fails is tried again on a later tick. No tick runs before the
     * application has started: until Reactive Messaging has connected its emitters, this bean cannot be created.
     */
    @Scheduled(every = "${tokenwarden.notifier.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dropPastRetention() {
        for (Silence silence : pipeline.silences().pastRetention(clock.instant(), retention)) {
            String id = silence.id();
            if (tombstoning.add(id)) {
                publisher.sendTombstone(channel, EventType.SILENCE, id).toCompletableFuture()
                        .orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .thenRun(() -> pipeline.silences().remove(id))
                        .whenComplete((done, failure) -> {
                            tombstoning.remove(id);
                            if (failure != null) {
                                LOG.warnf("the tombstone of silence %s was not written: %s", id, failure.getMessage());
                            }
                        });
            }
        }
    }
}
