package dev.tokenwarden.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WakeQueueTest {
    /**
     * Random adds, removals, re-adds and polls (of a few due credentials, taken one by one, and of hundreds,
     * taken in one sweep) agree with a sorted set in the queue's order.
     */
    @Test
    void agreesWithASortedSetUnderRandomUse() {
        Random random = new Random(7);
        WakeQueue queue = new WakeQueue();
        TreeSet<Schedule.Tracked> model = new TreeSet<>(WakeQueue.ORDER);
        List<Schedule.Tracked> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(new Schedule.Tracked("c" + i));
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int step = 0; step < 100_000; step++) {
            Schedule.Tracked t = all.get(random.nextInt(all.size()));
            int op = random.nextInt(100);
            if (op < 60) {
                if (t.wakeAt != null) {
                    queue.remove(t);
                    model.remove(t);
                }
                // Few distinct instants, so ties are common.
                t.wakeAt = base.plusSeconds(random.nextInt(500));
                queue.add(t);
                model.add(t);
            } else if (op < 90) {
                if (t.wakeAt != null) {
                    queue.remove(t);
                    model.remove(t);
                    t.wakeAt = null;
                }
            } else {
                Instant now = base.plusSeconds(op < 99 ? random.nextInt(30) : random.nextInt(600));
                List<Schedule.Tracked> expected = model.stream().filter(m -> !m.wakeAt.isAfter(now)).toList();
                List<Schedule.Tracked> polled = queue.pollDue(now);
                assertThat(polled).containsExactlyElementsOf(expected);
                polled.forEach(p -> {
                    model.remove(p);
                    p.wakeAt = null;
                });
            }
            assertThat(queue.size()).isEqualTo(model.size());
        }
        Instant end = base.plusSeconds(1_000);
        assertThat(queue.before(end, Integer.MAX_VALUE)).containsExactlyElementsOf(model);
        Instant cut = base.plusSeconds(100);
        assertThat(queue.before(cut, 5)).containsExactlyElementsOf(model.stream().filter(m -> m.wakeAt.isBefore(cut)).limit(5).toList());
    }
}
