package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.scheduler.domain.PassResult;
import dev.tokenwarden.scheduler.domain.Schedule;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Runs a scheduling pass every {@code tokenwarden.scheduler.pass-every}, once the schedule has been rebuilt from the topics. */
@ApplicationScoped
public class SchedulePass {
    private static final Logger LOG = Logger.getLogger(SchedulePass.class);

    private final Schedule schedule;
    private final Readiness readiness;
    private final ScheduleOutbox outbox;
    private final Clock clock;

    public SchedulePass(Schedule schedule, Readiness readiness, ScheduleOutbox outbox, Clock clock) {
        this.schedule = schedule;
        this.readiness = readiness;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${tokenwarden.scheduler.pass-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!readiness.rebuilt()) {
            LOG.debug("schedule not yet rebuilt from the topics; pass skipped");
            return;
        }
        PassResult result = schedule.pass(clock.instant());
        if (!result.rotations().isEmpty() || !result.incidents().isEmpty() || result.deferred() > 0) {
            LOG.infof("pass: %d rotation(s) emitted, %d incident(s), %d deferred by pacing",
                    result.rotations().size(), result.incidents().size(), result.deferred());
        }
        outbox.publish(result);
    }
}
