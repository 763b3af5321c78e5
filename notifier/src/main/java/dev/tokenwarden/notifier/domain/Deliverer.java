package dev.tokenwarden.notifier.domain;

import dev.tokenwarden.events.DeliveryOutcome;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.IncidentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Delivers notifications at least once: retries with backoff (honouring {@code Retry-After}), a circuit breaker
 * per receiver, then the fallback receiver; every attempt is written to the delivery log, and a notification
 * that no receiver took is handed back to the dispatcher, which sends it again at the group's next interval.
 * Nothing is dropped without a {@code failed} record. Attempts for different incidents run concurrently, up to
 * a bound, since each mostly waits on the receiver and on the log; those sharing an incident run one at a time.
 */
public final class Deliverer {
    private static final Pattern NOTIFIED = Pattern.compile("notified (firing|resolved);.*");

    /** Where delivery records go; {@code record} returns once the record is durable, and reports its own failures rather than throwing. */
    @FunctionalInterface
    public interface DeliveryLog {
        void record(DeliveryRecord record);
    }

    private record Pending(Notification notification, String receiver, int attempt, Instant at, boolean fallback) {
    }

    private final Map<String, Receiver> receivers;
    private final Optional<String> fallback;
    private final RetryPolicy retry;
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final Clock clock;
    private final DeliveryLog log;
    private final Dispatcher dispatcher;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing(Pending::at));
    private final int maxInFlight;
    private final List<Pending> inFlight = new ArrayList<>();
    private final Set<String> attemptedBeforeStart = new HashSet<>();
    private final AtomicLong resends = new AtomicLong();

    public Deliverer(List<Receiver> receivers, Optional<String> fallback, RetryPolicy retry, int breakerThreshold,
            Duration breakerOpenFor, int maxInFlight, Clock clock, DeliveryLog log, Dispatcher dispatcher) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one attempt must be allowed in flight, not " + maxInFlight);
        }
        this.receivers = new HashMap<>();
        receivers.forEach(r -> this.receivers.put(r.name(), r));
        fallback.filter(f -> !this.receivers.containsKey(f)).ifPresent(f -> {
            throw new IllegalArgumentException("fallback receiver '" + f + "' is not a configured receiver");
        });
        this.fallback = fallback;
        this.retry = retry;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
        this.log = log;
        this.dispatcher = dispatcher;
        this.receivers.keySet().forEach(name -> breakers.put(name, new CircuitBreaker(breakerThreshold, breakerOpenFor)));
    }

    public synchronized void submit(Notification notification) {
        pending.add(new Pending(notification, notification.receiver(), 1, clock.instant(), false));
    }

    /** Records that an incident was muted on purpose, so the log shows it was seen and not lost. */
    public void suppressed(Suppression suppression) {
        log.record(new DeliveryRecord("sup-" + suppression.groupId(), suppression.incidentKey(), suppression.receiver(), 1,
                DeliveryOutcome.SUPPRESSED, null, suppression.reason(), clock.instant()));
    }

    /**
     * Replays one record of the delivery log at start: a confirmed delivery restores the dispatcher's notified
     * state, and any attempt marks its delivery id, so sending it again is counted as a re-send.
     */
    public synchronized void restore(DeliveryRecord record) {
        attemptedBeforeStart.add(record.deliveryId() + "\n" + record.receiver());
        java.util.regex.Matcher notified = NOTIFIED.matcher(record.detail() == null ? "" : record.detail());
        if (record.outcome() == DeliveryOutcome.DELIVERED && notified.matches()) {
            Notification.parse(record.deliveryId()).ifPresent(id -> dispatcher.restoreDelivered(id.groupId(), id.sequence(),
                    record.incidentKey(), IncidentStatus.valueOf(notified.group(1).toUpperCase(Locale.ROOT)),
                    record.at()));
        }
    }

    /**
     * Makes every attempt that is due, each on a virtual thread of its own, at most {@code maxInFlight} at once,
     * and returns when none is due or in flight. An attempt waits while another one carrying any of its incidents
     * is in flight, so an incident's messages go out one at a time and in order, even across groups.
     */
    public void runDue() {
        Pending next;
        while ((next = awaitStartable()) != null) {
            Pending started = next;
            Thread.ofVirtual().name("notifier-delivery").start(() -> {
                try {
                    attempt(started);
                } finally {
                    finished(started);
                }
            });
        }
    }

    public synchronized Optional<Instant> nextAttempt() {
        return Optional.ofNullable(pending.peek()).map(Pending::at);
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Notifications sent again under a delivery id that an earlier run had already tried. */
    public long resends() {
        return resends.get();
    }

    public CircuitBreaker.State breakerState(String receiver) {
        return breakers.get(receiver).state(clock.instant());
    }

    /** The next attempt that may start, once a slot is free; null when nothing is due or in flight any more. */
    private synchronized Pending awaitStartable() {
        while (true) {
            Pending startable = inFlight.size() < maxInFlight ? takeStartable() : null;
            if (startable != null) {
                inFlight.add(startable);
                return startable;
            }
            if (inFlight.isEmpty()) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                // Shutting down: the attempts already started finish on their own threads.
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The earliest due attempt that shares no incident with one in flight; the others stay queued. */
    private Pending takeStartable() {
        Instant now = clock.instant();
        List<Pending> held = new ArrayList<>();
        Pending startable = null;
        while (startable == null && pending.peek() != null && !pending.peek().at().isAfter(now)) {
            Pending due = pending.poll();
            if (inFlight.stream().anyMatch(running -> sharesAnIncident(running, due))) {
                held.add(due);
            } else {
                startable = due;
            }
        }
        pending.addAll(held);
        return startable;
    }

    private synchronized void finished(Pending p) {
        inFlight.remove(p);
        notifyAll();
    }

    private static boolean sharesAnIncident(Pending a, Pending b) {
        Set<String> keys = new HashSet<>();
        a.notification().incidents().forEach(i -> keys.add(i.incidentKey()));
        return b.notification().incidents().stream().anyMatch(i -> keys.contains(i.incidentKey()));
    }

    private void attempt(Pending p) {
        Receiver receiver = receivers.get(p.receiver());
        if (receiver == null) {
            record(p, DeliveryOutcome.FAILED, null, "receiver is not configured");
            finish(p);
            return;
        }
        CircuitBreaker breaker = breakers.get(p.receiver());
        Instant now = clock.instant();
        if (!breaker.allows(now)) {
            record(p, DeliveryOutcome.FAILED, null, "circuit open");
            finish(p);
            return;
        }
        if (p.attempt() == 1 && attemptedBeforeStart.contains(p.notification().deliveryId() + "\n" + p.receiver())) {
            resends.incrementAndGet();
        }
        SendResult result = send(receiver, p);
        if (result.delivered()) {
            breaker.succeeded();
            for (Incident incident : p.notification().incidents()) {
                log.record(record(p, incident, DeliveryOutcome.DELIVERED, result.statusCode(),
                        "notified " + incident.status().name().toLowerCase(Locale.ROOT) + "; " + result.detail()));
            }
            dispatcher.delivered(p.notification(), clock.instant());
            return;
        }
        breaker.failed(clock.instant());
        Optional<Duration> delay = retry.nextDelay(p.attempt(), result);
        if (delay.isPresent()) {
            record(p, DeliveryOutcome.RETRYING, result.statusCode(), result.detail() + "; next attempt in " + delay.get());
            synchronized (this) {
                pending.add(new Pending(p.notification(), p.receiver(), p.attempt() + 1, clock.instant().plus(delay.get()), p.fallback()));
            }
            return;
        }
        record(p, DeliveryOutcome.FAILED, result.statusCode(), result.detail());
        finish(p);
    }

    /**
     * A receiver that throws counts as unreachable, so its notification is retried and then handed on instead of
     * staying in flight for ever. Only the exception's class is kept: its message may quote a URL or a secret.
     */
    private static SendResult send(Receiver receiver, Pending p) {
        try {
            return receiver.send(p.notification(), p.attempt());
        } catch (RuntimeException e) {
            return SendResult.unreachable("receiver failed: " + e.getClass().getSimpleName());
        }
    }

    /** The receiver gave up: the fallback takes over, or the dispatcher gets the notification back. */
    private void finish(Pending p) {
        if (!p.fallback() && fallback.isPresent() && !fallback.get().equals(p.receiver())) {
            synchronized (this) {
                pending.add(new Pending(p.notification(), fallback.get(), 1, clock.instant(), true));
            }
            return;
        }
        dispatcher.failed(p.notification());
    }

    private void record(Pending p, DeliveryOutcome outcome, Integer statusCode, String detail) {
        List<DeliveryRecord> records = new ArrayList<>();
        for (Incident incident : p.notification().incidents()) {
            records.add(record(p, incident, outcome, statusCode, detail));
        }
        records.forEach(log::record);
    }

    private DeliveryRecord record(Pending p, Incident incident, DeliveryOutcome outcome, Integer statusCode, String detail) {
        return new DeliveryRecord(p.notification().deliveryId(), incident.incidentKey(), p.receiver(), p.attempt(), outcome,
                statusCode, detail, clock.instant());
    }
}
