package dev.tokenwarden.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WakeQueueTest {
    private static final Comparator<Schedule.Tracked> BY_WAKE = Comparator.<Schedule.Tracked, Instant>comparing(t -> t.wakeAt)
            .thenComparing(t -> t.id);

    /** Random adds, removals, re-adds and polls agree with a TreeSet ordered by wake instant, then id. */
    @Test
    void agreesWithASortedSetUnderRandomUse() {
        Random random = new Random(7);
        WakeQueue queue = new WakeQueue();
        TreeSet<Schedule.Tracked> model = new TreeSet<>(BY_WAKE);
        List<Schedule.Tracked> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(new Schedule.Tracked("c" + i));
        }
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int step = 0; step < 200_000; step++) {
            Schedule.Tracked t = all.get(random.nextInt(all.size()));
            int op = random.nextInt(10);
            if (op < 6) {
                if (t.wakeAt != null) {
                    queue.remove(t);
                    model.remove(t);
                }
                // Few distinct instants, so ties (broken by id) are common.
                t.wakeAt = base.plusSeconds(random.nextInt(500));
                queue.add(t);
                model.add(t);
            } else if (op < 9) {
                if (t.wakeAt != null) {
                    queue.remove(t);
                    model.remove(t);
                    t.wakeAt = null;
                }
            } else {
                Instant now = base.plusSeconds(random.nextInt(60));
                List<Schedule.Tracked> expected = new ArrayList<>(model.headSet(probe(now, "\uffff"), true));
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
        assertThat(queue.before(base.plusSeconds(100), 5)).containsExactlyElementsOf(model.headSet(probe(base.plusSeconds(100), ""), false)
                .stream().limit(5).toList());
    }

    /** A bound for the model: at {@code at}, before ({@code ""}) or after ({@code "\uffff"}) every credential waking then. */
    private static Schedule.Tracked probe(Instant at, String id) {
        Schedule.Tracked probe = new Schedule.Tracked(id);
        probe.wakeAt = at;
        return probe;
    }
}
