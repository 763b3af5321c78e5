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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The delivery log: every attempt goes to {@code tokenwarden.notifications}, keyed by incident key, and is
 * kept in memory (the latest {@value #KEPT_PER_INCIDENT} per incident) for {@code GET /deliveries}. A record
 * counts as written only when Kafka acknowledged it; one that could not be written is logged and counted
 * ({@code tokenwarden.notifier.delivery.log.failures}) rather than stopping delivery, since the receiver has
 * already been told. The event id is derived from the record, so a record written twice is recognisable.
 */
@ApplicationScoped
public class DeliveryLogPublisher implements Deliverer.DeliveryLog {
    static final int KEPT_PER_INCIDENT = 200;
    private static final Logger LOG = Logger.getLogger(DeliveryLogPublisher.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;
    private final Map<String, Deque<DeliveryRecord>> byIncident = new ConcurrentHashMap<>();

    private final Counter failures;

    public DeliveryLogPublisher(EventPublisher publisher, @Channel("notifications-out") Emitter<byte[]> channel,
            MeterRegistry registry) {
        this.publisher = publisher;
        this.channel = channel;
        this.failures = registry.counter("tokenwarden.notifier.delivery.log.failures");
    }

    @Override
    public void record(DeliveryRecord record) {
        String eventId = record.deliveryId() + "/" + record.receiver() + "/" + record.attempt() + "/"
                + record.outcome().name().toLowerCase(Locale.ROOT) + "/" + record.incidentKey();
        try {
            publisher.send(channel, EventType.NOTIFICATION_DELIVERY, record.incidentKey(), eventId, record)
                    .toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            failures.increment();
            LOG.errorf("delivery record %s for %s (%s, attempt %d) was not written to Kafka: %s", record.deliveryId(),
                    record.incidentKey(), record.outcome(), record.attempt(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.increment();
            LOG.errorf("interrupted while writing delivery record %s for %s", record.deliveryId(), record.incidentKey());
        }
        remember(record);
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
