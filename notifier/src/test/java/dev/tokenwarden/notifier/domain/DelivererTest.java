package dev.tokenwarden.notifier.domain;

import static dev.tokenwarden.notifier.domain.Incidents.T0;
import static dev.tokenwarden.notifier.domain.Incidents.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenwarden.events.DeliveryOutcome;
import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.Severity;
import dev.tokenwarden.sandbox.github.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DelivererTest {
    static final String YAML = "route: {receivers: [primary], group_by: [type], group_wait: 0s, group_interval: 1m, repeat_interval: 1h}";

    /** A receiver that answers from a script, then with 200. */
    static final class ScriptedReceiver implements Receiver {
        final String name;
        final Deque<SendResult> script = new ArrayDeque<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        ScriptedReceiver(String name, SendResult... results) {
            this.name = name;
            script.addAll(List.of(results));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SendResult send(Notification notification, int attempt) {
            calls.add(notification.deliveryId() + "#" + attempt);
            return script.isEmpty() ? SendResult.delivered(200) : script.poll();
        }
    }

    /** Receivers that hold every call until the gate opens, counting how many calls are held at once. */
    static final class Gate {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger held = new AtomicInteger();
        final AtomicInteger mostHeld = new AtomicInteger();

        Receiver receiver(String name) {
            return new Receiver() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public SendResult send(Notification notification, int attempt) {
                    mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                    try {
                        open.await();
                        return SendResult.delivered(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return SendResult.unreachable("interrupted");
                    } finally {
                        held.decrementAndGet();
                    }
                }
            };
        }
    }

    final ManualClock clock = new ManualClock(T0);
    final Dispatcher dispatcher = new Dispatcher(RoutingConfig.parse(YAML, Set.of("primary", "fallback")), new Silences());
    final List<DeliveryRecord> log = new CopyOnWriteArrayList<>();
    /** The log as most tests see it: a record is durable as soon as it is handed over. */
    final Deliverer.DeliveryLog written = record -> {
        log.add(record);
        return CompletableFuture.completedFuture(null);
    };
    final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), () -> 1.0);

    Deliverer deliverer(Receiver primary, Optional<Receiver> fallback) {
        List<Receiver> receivers = new ArrayList<>(List.of(primary));
        fallback.ifPresent(receivers::add);
        return new Deliverer(receivers, fallback.map(Receiver::name), retry, 3, Duration.ofMinutes(1), 4, 100, Runnable::run, clock,
                written, dispatcher);
    }

    /** Attempts on threads of their own, as in service, for tests where one is held while others go on. */
    Deliverer concurrent(List<Receiver> receivers, int maxInFlight, Dispatcher dispatcher) {
        return new Deliverer(receivers, Optional.empty(), retry, 3, Duration.ofMinutes(1), maxInFlight, 100,
                Executors.newVirtualThreadPerTaskExecutor(), clock, written, dispatcher);
    }

    @Test
    void a429IsRetriedNoSoonerThanRetryAfterWithTheSameDeliveryId() {
        ScriptedReceiver primary = new ScriptedReceiver("primary", SendResult.rejected(429, Optional.of(Duration.ofSeconds(20))));
        Deliverer deliverer = deliverer(primary, Optional.empty());
        Notification notification = flushOne("c1");
        deliverer.submit(notification);

        deliverer.runDue();
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.RETRYING);
            assertThat(r.statusCode()).isEqualTo(429);
        });
        clock.advance(Duration.ofSeconds(19));
        deliverer.runDue();
        assertThat(primary.calls).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        deliverer.runDue();

        assertThat(primary.calls).containsExactly(notification.deliveryId() + "#1", notification.deliveryId() + "#2");
        assertThat(log.get(1).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(log.get(1).detail()).isEqualTo("notified firing; HTTP 200");
        clock.advance(Duration.ofMinutes(2));
        assertThat(dispatcher.due(clock.instant()).notifications()).as("delivered, so not sent again").isEmpty();
    }

    @Test
    void aReceiverThatThrowsIsRetriedAndItsExceptionMessageNeverReachesTheLog() {
        AtomicInteger calls = new AtomicInteger();
        Receiver throwsOnce = new Receiver() {
            @Override
            public String name() {
                return "primary";
            }

            @Override
            public SendResult send(Notification notification, int attempt) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("bug quoting https://hooks.example/secret-path");
                }
                return SendResult.delivered(200);
            }
        };
        Deliverer deliverer = deliverer(throwsOnce, Optional.empty());
        deliverer.submit(flushOne("c1"));

        drain(deliverer);

        assertThat(calls).hasValue(2);
        assertThat(log).extracting(DeliveryRecord::outcome).containsExactly(DeliveryOutcome.RETRYING, DeliveryOutcome.DELIVERED);
        assertThat(log.get(0).detail()).startsWith("receiver failed: IllegalStateException").doesNotContain("secret-path");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        RetryPolicy half = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), () -> 0.0);
        SendResult down = SendResult.rejected(503, Optional.empty());
        assertThat(retry.nextDelay(1, down)).contains(Duration.ofSeconds(1));
        assertThat(retry.nextDelay(2, down)).contains(Duration.ofSeconds(2));
        assertThat(half.nextDelay(3, down)).contains(Duration.ofSeconds(2));
        assertThat(half.nextDelay(9, down)).contains(Duration.ofSeconds(15));
        assertThat(retry.nextDelay(3, down)).as("attempts exhausted").isEmpty();
        assertThat(retry.nextDelay(1, SendResult.rejected(400, Optional.empty()))).as("not retryable").isEmpty();
        assertThat(retry.nextDelay(1, SendResult.rejected(429, Optional.of(Duration.ofHours(1))))).as("too long to wait").isEmpty();
    }

    @Test
    void aReceiverThatStaysDownHandsOverToTheFallbackThenOpensItsCircuitAndRecovers() {
        SendResult down = SendResult.unreachable("connect timed out");
        ScriptedReceiver primary = new ScriptedReceiver("primary", down, down, down, down);
        ScriptedReceiver fallback = new ScriptedReceiver("fallback");
        Deliverer deliverer = deliverer(primary, Optional.of(fallback));

        Notification first = flushOne("c1");
        deliverer.submit(first);
        drain(deliverer);
        assertThat(primary.calls).hasSize(3);
        assertThat(fallback.calls).containsExactly(first.deliveryId() + "#1");
        assertThat(log).extracting(DeliveryRecord::receiver, DeliveryRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("primary", DeliveryOutcome.RETRYING),
                org.assertj.core.groups.Tuple.tuple("primary", DeliveryOutcome.RETRYING),
                org.assertj.core.groups.Tuple.tuple("primary", DeliveryOutcome.FAILED),
                org.assertj.core.groups.Tuple.tuple("fallback", DeliveryOutcome.DELIVERED));
        assertThat(deliverer.breakerState("primary")).isEqualTo(CircuitBreaker.State.OPEN);

        Notification second = flushOne("c2");
        deliverer.submit(second);
        drain(deliverer);
        assertThat(primary.calls).as("open circuit: primary not tried").hasSize(3);
        assertThat(fallback.calls).hasSize(2);
        assertThat(log.get(4).detail()).isEqualTo("circuit open");

        clock.advance(Duration.ofMinutes(1));
        primary.script.clear();
        Notification third = flushOne("c3");
        deliverer.submit(third);
        drain(deliverer);
        assertThat(primary.calls).last().isEqualTo(third.deliveryId() + "#1");
        assertThat(deliverer.breakerState("primary")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void withNoReceiverLeftTheDispatcherSendsItAgainAtTheNextInterval() {
        ScriptedReceiver primary = new ScriptedReceiver("primary", SendResult.rejected(404, Optional.empty()));
        Deliverer deliverer = deliverer(primary, Optional.empty());
        Notification first = flushOne("c1");
        deliverer.submit(first);
        drain(deliverer);
        assertThat(log).singleElement().extracting(DeliveryRecord::outcome).isEqualTo(DeliveryOutcome.FAILED);

        clock.advance(Duration.ofMinutes(1));
        Flush again = dispatcher.due(clock.instant());
        assertThat(again.notifications()).singleElement().satisfies(n -> assertThat(n.firing()).isEqualTo(first.firing()));
    }

    @Test
    void attemptsForDifferentIncidentsRunConcurrentlyUpToTheBound() {
        Gate gate = new Gate();
        Deliverer deliverer = concurrent(List.of(gate.receiver("primary")), 2, dispatcher);
        List.of("c1", "c2", "c3").forEach(credential -> deliverer.submit(flushOne(credential)));

        deliverer.runDue();
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.held.get() == 2);
        assertThat(deliverer.pendingCount()).as("the third waits for a free slot").isEqualTo(1);
        gate.open.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.size() == 3);

        assertThat(gate.mostHeld).hasValue(2);
        assertThat(log).extracting(DeliveryRecord::outcome).containsOnly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void aSlowReceiverDelaysNeitherTheTickNorAnotherReceiverOfTheSameIncident() {
        Dispatcher twoReceivers = new Dispatcher(RoutingConfig.parse(YAML.replace("[primary]", "[primary, other]"),
                Set.of("primary", "other")), new Silences());
        twoReceivers.accept(firing("expiring", "c1", Severity.MEDIUM, clock.instant()), clock.instant());
        Gate slow = new Gate();
        ScriptedReceiver other = new ScriptedReceiver("other");
        Deliverer deliverer = concurrent(List.of(slow.receiver("primary"), other), 4, twoReceivers);
        List<Notification> both = twoReceivers.due(clock.instant()).notifications();
        assertThat(both).extracting(Notification::receiver).containsExactlyInAnyOrder("primary", "other");
        both.forEach(deliverer::submit);

        // runDue returns while primary's attempt is held: a tick that waited for it would never get past this line
        // (the gate opens only below), and the class's timeout would fail the test.
        deliverer.runDue();
        await().atMost(Duration.ofSeconds(60)).until(() -> slow.held.get() == 1
                && log.stream().anyMatch(r -> r.receiver().equals("other")));
        assertThat(log).as("other was told while primary still held the same incident")
                .singleElement().satisfies(r -> {
                    assertThat(r.receiver()).isEqualTo("other");
                    assertThat(r.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
                });
        slow.open.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.size() == 2);
        assertThat(log.get(1).receiver()).isEqualTo("primary");
    }

    @Test
    void aDeliveryFreesItsSlotBeforeItsRecordIsDurableAndCountsOnlyOnceItIs() {
        List<CompletableFuture<Void>> acknowledgements = new CopyOnWriteArrayList<>();
        Deliverer.DeliveryLog unacknowledged = record -> {
            log.add(record);
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            acknowledgements.add(acknowledged);
            return acknowledged;
        };
        ScriptedReceiver primary = new ScriptedReceiver("primary");
        Deliverer deliverer = new Deliverer(List.of(primary), Optional.empty(), retry, 3, Duration.ofMinutes(1), 1, 100,
                Executors.newVirtualThreadPerTaskExecutor(), clock, unacknowledged, dispatcher);
        Notification first = flushOne("c1");
        Notification second = flushOne("c2");
        deliverer.submit(first);
        deliverer.submit(second);

        // One slot: the second goes out only once the first freed it, and no record is acknowledged yet. A slot
        // held until the log acknowledged the record would keep the second queued here until the timeout.
        deliverer.runDue();
        await().atMost(Duration.ofSeconds(60)).until(() -> primary.calls.size() == 2 && log.size() == 2);
        assertThat(primary.calls).containsExactly(first.deliveryId() + "#1", second.deliveryId() + "#1");
        assertThat(log).extracting(DeliveryRecord::outcome).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(acknowledgements).noneMatch(CompletableFuture::isDone);
        assertThat(dispatcher.nextFlush()).as("neither counts as notified before the log holds it").isEmpty();

        acknowledgements.get(0).complete(null);
        assertThat(dispatcher.nextFlush()).as("the first counts once its record is durable")
                .contains(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void oneReceiverHearsAboutAnIncidentOneMessageAtATime() {
        Incident incident = firing("expiring", "c1", Severity.MEDIUM, clock.instant());
        Gate gate = new Gate();
        Deliverer deliverer = concurrent(List.of(gate.receiver("primary")), 4, dispatcher);
        deliverer.submit(new Notification("ntf-g1-1", "g1", "root", "primary", Map.of(), 1, List.of(incident), List.of()));
        deliverer.submit(new Notification("ntf-g2-1", "g2", "root.0", "primary", Map.of(), 1, List.of(incident), List.of()));

        deliverer.runDue();
        await().atMost(Duration.ofSeconds(60)).until(() -> gate.held.get() == 1);
        assertThat(deliverer.pendingCount()).as("held back while the same incident is out to the same receiver").isEqualTo(1);
        gate.open.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> log.size() == 2);

        assertThat(gate.mostHeld).hasValue(1);
        assertThat(log).extracting(DeliveryRecord::deliveryId).containsExactly("ntf-g1-1", "ntf-g2-1");
    }

    @Test
    void aReceiverWithoutRoomLeavesItsDueGroupsInTheDispatcherUntilItCatchesUp() {
        ScriptedReceiver primary = new ScriptedReceiver("primary");
        Deliverer deliverer = new Deliverer(List.of(primary), Optional.empty(), retry, 3, Duration.ofMinutes(1), 1, 2, Runnable::run,
                clock, written, dispatcher);
        List.of("c1", "c2", "c3").forEach(credential ->
                dispatcher.accept(firing("expiring-" + credential, credential, Severity.MEDIUM, clock.instant()), clock.instant()));

        Flush first = dispatcher.due(clock.instant(), deliverer::room);
        assertThat(first.notifications()).hasSize(2);
        first.notifications().forEach(deliverer::submit);
        assertThat(deliverer.room("primary")).isZero();
        assertThat(dispatcher.due(clock.instant(), deliverer::room).notifications()).as("no room: the third group waits").isEmpty();

        deliverer.runDue();
        assertThat(deliverer.room("primary")).isEqualTo(2);
        assertThat(dispatcher.due(clock.instant(), deliverer::room).notifications()).singleElement()
                .satisfies(n -> assertThat(n.firing()).extracting(Incident::incidentKey).containsExactly("expiring-c3/c3"));
    }

    @Test
    void restoringTheLogRestoresNotifiedStateAndCountsAReSend() {
        ScriptedReceiver primary = new ScriptedReceiver("primary");
        Notification first = flushOne("c1");
        Deliverer before = deliverer(primary, Optional.empty());
        before.submit(first);
        before.runDue();

        Dispatcher restarted = new Dispatcher(RoutingConfig.parse(YAML, Set.of("primary", "fallback")), new Silences());
        restarted.accept(first.firing().get(0), T0);
        Deliverer after = new Deliverer(List.of(primary), Optional.empty(), retry, 2, Duration.ofMinutes(1), 4, 100, Runnable::run, clock,
                written, restarted);
        List.copyOf(log).forEach(after::restore);
        assertThat(restarted.due(clock.instant().plusSeconds(1)).notifications()).isEmpty();

        after.submit(first);
        after.runDue();
        assertThat(after.resends()).isEqualTo(1);
    }

    private Notification flushOne(String credential) {
        dispatcher.accept(firing("expiring-" + credential, credential, Severity.MEDIUM, clock.instant()), clock.instant());
        return dispatcher.due(clock.instant()).notifications().get(0);
    }

    private void drain(Deliverer deliverer) {
        for (int i = 0; i < 20 && deliverer.pendingCount() > 0; i++) {
            deliverer.runDue();
            deliverer.nextAttempt().ifPresent(at -> clock.advance(Duration.between(clock.instant(), at).isNegative()
                    ? Duration.ZERO : Duration.between(clock.instant(), at)));
        }
    }
}
