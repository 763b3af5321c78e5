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
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Delivers notifications at least once: retries with backoff (honouring {@code Retry-After}), a circuit breaker
 * per receiver, then the fallback receiver; every attempt is written to the delivery log, and a notification
 * that no receiver took is handed back to the dispatcher, which sends it again at the group's next interval.
 * Nothing is dropped without a {@code failed} record. Each receiver has a lane of its own: its queue, at most
 * {@code maxInFlight} attempts out at once on the executor, its breaker; one receiver answering slowly fills only
 * its own lane, and {@link #runDue} only starts attempts, it never waits for one. Within a lane, attempts
 * sharing an incident run one at a time, so a receiver hears about an incident in order. An attempt frees its
 * slot once the receiver answered and its records are handed to the log, without waiting for them to be durable;
 * a delivery counts in the dispatcher's notified state only once its records are, since a restart rebuilds that
 * state from the log (a crash in between means the incident is sent again: at least once).
 */
public final class Deliverer {
    private static final Pattern NOTIFIED = Pattern.compile("notified (firing|resolved);.*");

    /**
     * Where delivery records go. {@code record} hands a record over, in order after those handed over before it,
     * and returns a stage that completes once the record is durable or its failure has been reported (the log
     * reports its own failures; the stage never fails).
     */
    @FunctionalInterface
    public interface DeliveryLog {
        CompletionStage<Void> record(DeliveryRecord record);
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
    /** One receiver's attempts: those waiting, earliest first, and those out. */
    private static final class Lane {
        final PriorityQueue<Pending> queue = new PriorityQueue<>(Comparator.comparing(Pending::at));
        final List<Pending> inFlight = new ArrayList<>();
    }

    private final Map<String, Lane> lanes = new HashMap<>();
    private final int maxInFlight;
    private final int maxQueued;
    private final Executor attempts;
    private final Set<String> attemptedBeforeStart = new HashSet<>();
    private final AtomicLong resends = new AtomicLong();

    /**
     * {@code maxInFlight} and {@code maxQueued} are per receiver: attempts out at once, and notifications it holds
     * (waiting or out) before {@link #room} tells the dispatcher to keep the rest; {@code attempts} runs each attempt
     * (a thread per task in service; the calling thread in tests that want one attempt after another).
     */
    public Deliverer(List<Receiver> receivers, Optional<String> fallback, RetryPolicy retry, int breakerThreshold,
            Duration breakerOpenFor, int maxInFlight, int maxQueued, Executor attempts, Clock clock, DeliveryLog log,
            Dispatcher dispatcher) {
        if (maxInFlight < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("a receiver must take at least one attempt in flight and one queued, not "
                    + maxInFlight + " and " + maxQueued);
        }
        this.receivers = new HashMap<>();
        receivers.forEach(r -> this.receivers.put(r.name(), r));
        fallback.filter(f -> !this.receivers.containsKey(f)).ifPresent(f -> {
            throw new IllegalArgumentException("fallback receiver '" + f + "' is not a configured receiver");
        });
        this.fallback = fallback;
        this.retry = retry;
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.attempts = attempts;
        this.clock = clock;
        this.log = log;
        this.dispatcher = dispatcher;
        this.receivers.keySet().forEach(name -> breakers.put(name, new CircuitBreaker(breakerThreshold, breakerOpenFor)));
    }

    public synchronized void submit(Notification notification) {
        lane(notification.receiver()).queue.add(new Pending(notification, notification.receiver(), 1, clock.instant(), false));
    }

    /** How many more notifications the receiver takes now: {@code maxQueued} less those it holds waiting or out. */
    public synchronized int room(String receiver) {
        Lane lane = lanes.get(receiver);
        return lane == null ? maxQueued : Math.max(0, maxQueued - lane.queue.size() - lane.inFlight.size());
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
    public void restore(DeliveryRecord record) {
        // The dispatcher is called outside this lock: its flush asks room() while holding its own.
        synchronized (this) {
            attemptedBeforeStart.add(record.deliveryId() + "\n" + record.receiver());
        }
        java.util.regex.Matcher notified = NOTIFIED.matcher(record.detail() == null ? "" : record.detail());
        if (record.outcome() == DeliveryOutcome.DELIVERED && notified.matches()) {
            Notification.parse(record.deliveryId()).ifPresent(id -> dispatcher.restoreDelivered(id.groupId(), id.sequence(),
                    record.incidentKey(), IncidentStatus.valueOf(notified.group(1).toUpperCase(Locale.ROOT)),
                    record.at()));
        }
    }

    /**
     * Starts every attempt that is due and has a free slot in its receiver's lane, and returns: the attempts run on
     * the executor, and each one, when it ends, starts what became startable in the meantime (the next in its
     * lane, a fallback). Retries that are not yet due wait for a later call.
     */
    public void runDue() {
        for (Pending started : startable()) {
            attempts.execute(() -> {
                try {
                    attempt(started);
                } finally {
                    finished(started);
                }
            });
        }
    }

    public synchronized Optional<Instant> nextAttempt() {
        return lanes.values().stream().map(lane -> lane.queue.peek()).filter(Objects::nonNull).map(Pending::at).min(Instant::compareTo);
    }

    /** Attempts waiting, over all receivers. */
    public synchronized int pendingCount() {
        return lanes.values().stream().mapToInt(lane -> lane.queue.size()).sum();
    }

    /** Notifications sent again under a delivery id that an earlier run had already tried. */
    public long resends() {
        return resends.get();
    }

    public CircuitBreaker.State breakerState(String receiver) {
        return breakers.get(receiver).state(clock.instant());
    }

    private Lane lane(String receiver) {
        return lanes.computeIfAbsent(receiver, r -> new Lane());
    }

    /** Takes out, and marks in flight, every due attempt that a lane has a slot for. */
    private synchronized List<Pending> startable() {
        Instant now = clock.instant();
        List<Pending> started = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            Pending next;
            while (lane.inFlight.size() < maxInFlight && (next = takeStartable(lane, now)) != null) {
                lane.inFlight.add(next);
                started.add(next);
            }
        }
        return started;
    }

    /** The lane's earliest due attempt that shares no incident with one it has in flight; the others stay queued. */
    private static Pending takeStartable(Lane lane, Instant now) {
        List<Pending> held = new ArrayList<>();
        Pending startable = null;
        while (startable == null && lane.queue.peek() != null && !lane.queue.peek().at().isAfter(now)) {
            Pending due = lane.queue.poll();
            if (lane.inFlight.stream().anyMatch(running -> sharesAnIncident(running, due))) {
                held.add(due);
            } else {
                startable = due;
            }
        }
        lane.queue.addAll(held);
        return startable;
    }

    private void finished(Pending p) {
        synchronized (this) {
            lane(p.receiver()).inFlight.remove(p);
        }
        runDue();
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
            Instant answered = clock.instant();
            CompletableFuture<?>[] written = p.notification().incidents().stream()
                    .map(incident -> log.record(record(p, incident, DeliveryOutcome.DELIVERED, result.statusCode(),
                            "notified " + incident.status().name().toLowerCase(Locale.ROOT) + "; " + result.detail()))
                            .toCompletableFuture())
                    .toArray(CompletableFuture<?>[]::new);
            CompletableFuture.allOf(written).thenRun(() -> dispatcher.delivered(p.notification(), answered));
            return;
        }
        breaker.failed(clock.instant());
        Optional<Duration> delay = retry.nextDelay(p.attempt(), result);
        if (delay.isPresent()) {
            record(p, DeliveryOutcome.RETRYING, result.statusCode(), result.detail() + "; next attempt in " + delay.get());
            synchronized (this) {
                lane(p.receiver()).queue.add(new Pending(p.notification(), p.receiver(), p.attempt() + 1,
                        clock.instant().plus(delay.get()), p.fallback()));
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
                lane(fallback.get()).queue.add(new Pending(p.notification(), fallback.get(), 1, clock.instant(), true));
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
