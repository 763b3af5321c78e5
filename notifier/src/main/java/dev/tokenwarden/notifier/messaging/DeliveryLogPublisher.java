package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.notifier.domain.Deliverer;
import dev.tokenwarden.platform.events.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The delivery log: every attempt goes to {@code tokenwarden.notifications}, keyed by incident key, and is
 * kept in memory (the latest {@value #KEPT_PER_INCIDENT} per incident) for {@code GET /deliveries}. A record
 * counts as written only when Kafka acknowledged it; one that could not be written is logged and counted
 * ({@code tokenwarden.notifier.delivery.log.failures}) rather than stopping delivery, since the receiver has
 * already been told. The event id is derived from the record, so a record written twice is recognisable.
 * Records are handed to the producer in the caller's order and acknowledged asynchronously, at most
 * {@value #MAX_UNACKNOWLEDGED} at once: beyond that a caller waits, so a slow broker slows delivery down rather
 * than piling records up in memory (the bound stays under what the channel buffers: 128 in the emitter and
 * 1024 in flight in the Kafka sink by default, past which the emitter would refuse a record).
 */
@ApplicationScoped
public class DeliveryLogPublisher implements Deliverer.DeliveryLog {
    static final int KEPT_PER_INCIDENT = 200;
    private static final Logger LOG = Logger.getLogger(DeliveryLogPublisher.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;
    static final int MAX_UNACKNOWLEDGED = 1000;

    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;
    private final Map<String, Deque<DeliveryRecord>> byIncident = new ConcurrentHashMap<>();
    private final Semaphore unacknowledged = new Semaphore(MAX_UNACKNOWLEDGED);

    private final Counter failures;

    public DeliveryLogPublisher(EventPublisher publisher, @Channel("notifications-out") Emitter<byte[]> channel,
            MeterRegistry registry) {
        this.publisher = publisher;
        this.channel = channel;
        this.failures = registry.counter("tokenwarden.notifier.delivery.log.failures");
    }

    @Override
    public CompletionStage<Void> record(DeliveryRecord record) {
        String eventId = record.deliveryId() + "/" + record.receiver() + "/" + record.attempt() + "/"
                + record.outcome().name().toLowerCase(Locale.ROOT) + "/" + record.incidentKey();
        try {
            unacknowledged.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(record, "interrupted while waiting to write it");
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> sent;
        try {
            sent = publisher.send(channel, EventType.NOTIFICATION_DELIVERY, record.incidentKey(), eventId, record)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.orTimeout(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).handle((ok, failure) -> {
            unacknowledged.release();
            if (failure != null) {
                failed(record, (failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure).getClass().getSimpleName());
            }
            remember(record);
            return null;
        });
    }

    private void failed(DeliveryRecord record, String why) {
        failures.increment();
        LOG.errorf("delivery record %s for %s (%s, attempt %d) was not written to Kafka: %s", record.deliveryId(),
                record.incidentKey(), record.outcome(), record.attempt(), why);
    }

    /** Adds a record read back from the topic at start. */
    void remember(DeliveryRecord record) {
        Deque<DeliveryRecord> records = byIncident.computeIfAbsent(record.incidentKey(), k -> new ArrayDeque<>());
        synchronized (records) {
            records.addLast(record);
            while (records.size() > KEPT_PER_INCIDENT) {
                records.removeFirst();
            }
        }
    }

    public List<DeliveryRecord> forIncident(String incidentKey) {
        Deque<DeliveryRecord> records = byIncident.get(incidentKey);
        if (records == null) {
            return List.of();
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }
}
