package dev.tokenwarden.auditor.domain.orgscan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenwarden.platform.github.Sleeper;
import dev.tokenwarden.sandbox.github.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PauseGateTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    /** Sleeping moves the clock to the sleeper's wake-up time (never back, when several sleep at once). */
    private final Sleeper sleeper = duration -> {
        slept.add(duration);
        synchronized (clock) {
            Instant wakeUp = clock.instant().plus(duration);
            if (wakeUp.isAfter(clock.instant())) {
                clock.set(wakeUp);
            }
        }
    };
    private final PauseGate gate = new PauseGate(clock, sleeper, new PauseGate.Listener() {
        @Override
        public void paused(Instant until) {
            heard.add("paused until " + until);
        }

        @Override
        public void resumed() {
            heard.add("resumed at " + clock.instant());
        }
    });

    @Test
    void anOpenGateLetsEveryWorkerThroughAtOnce() throws InterruptedException {
        gate.passThrough();
        assertThat(slept).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void aPauseIsHeardWhenItBeginsOrLengthensAndEndsOnceForAllTheWorkersWaitingAtTheGate() throws Exception {
        gate.pause(T0.plusSeconds(60));
        gate.pause(T0.plusSeconds(30));
        gate.pause(T0.plusSeconds(90));
        assertThat(heard).as("a shorter limit seen by another worker changes nothing")
                .containsExactly("paused until " + T0.plusSeconds(60), "paused until " + T0.plusSeconds(90));

        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Instant>> passed = IntStream.range(0, 8).mapToObj(i -> workers.submit(() -> {
                gate.passThrough();
                return clock.instant();
            })).toList();
            for (Future<Instant> worker : passed) {
                assertThat(worker.get(10, TimeUnit.SECONDS)).as("no worker goes on before the pause's end").isAfterOrEqualTo(T0.plusSeconds(90));
            }
        }
        assertThat(heard).containsExactly("paused until " + T0.plusSeconds(60), "paused until " + T0.plusSeconds(90),
                "resumed at " + T0.plusSeconds(90));

        gate.passThrough();
        assertThat(heard).as("the gate stays open once the pause is over").hasSize(3);
    }

    @Test
    void aLimitWhoseEndHasPassedIsHeardAndEndsAtTheNextPassage() throws InterruptedException {
        gate.pause(T0.minusSeconds(1));
        gate.passThrough();
        assertThat(slept).isEmpty();
        assertThat(heard).containsExactly("paused until " + T0.minusSeconds(1), "resumed at " + T0);
    }
}
