package dev.tokenwarden.auditor.domain.orgscan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.sandbox.github.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class RequestPacingTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void noMoreRequestsAreInFlightThanTheConcurrencyAndTheOthersWaitTheirTurn() throws Exception {
        RequestPacing pacing = new RequestPacing(3, Integer.MAX_VALUE, Clock.systemUTC(), duration -> { });
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch answer = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = IntStream.range(0, 20).mapToObj(i -> callers.submit(() -> pacing.make(() -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    answer.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                return i;
            }))).toList();

            Awaitility.await().atMost(10, TimeUnit.SECONDS).during(Duration.ofMillis(300)).until(() -> inFlight.get() == 3);
            answer.countDown();
            assertThat(calls.stream().map(RequestPacingTest::answer).toList()).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        }
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void requestsStartEvenlySpacedWithinTheRatePerMinute() throws InterruptedException {
        ManualClock clock = new ManualClock(T0);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RequestPacing pacing = new RequestPacing(8, 600, clock, waits::add);

        for (int i = 0; i < 4; i++) {
            pacing.make(() -> "answer");
        }
        assertThat(waits).as("600 a minute: one every 100 ms, the first at once")
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));

        clock.advance(Duration.ofSeconds(1));
        pacing.make(() -> "answer");
        assertThat(waits).as("a request after a quiet spell starts at once").hasSize(3);
    }

    @Test
    void aReplicaSpacesItsStartsByItsPartOfTheRate() throws InterruptedException {
        ManualClock clock = new ManualClock(T0);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        RequestPacing pacing = new RequestPacing(8, 600, clock, waits::add);
        pacing.shareWith(3);

        for (int i = 0; i < 3; i++) {
            pacing.make(() -> "answer");
        }
        assertThat(waits).as("one of three replicas: 200 a minute, one every 300 ms").containsExactly(Duration.ofMillis(300), Duration.ofMillis(600));
    }

    private static <T> T answer(Future<T> call) {
        try {
            return call.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
