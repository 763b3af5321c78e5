package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.scheduler.domain.PassResult;
import dev.tokenwarden.scheduler.domain.Schedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Runs a scheduling pass every {@code tokenwarden.scheduler.pass-every}, once the schedule has been rebuilt
 * from the topics, and counts what passes do ({@code tokenwarden_scheduler_*} and {@code tokenwarden_rotations_overdue} on /q/metrics).
 */
@ApplicationScoped
public class SchedulePass {
    private static final Logger LOG = Logger.getLogger(SchedulePass.class);

    private final Schedule schedule;
    private final Readiness readiness;
    private final ScheduleOutbox outbox;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Timer passes;
    private final Counter deferred;

    public SchedulePass(Schedule schedule, Readiness readiness, ScheduleOutbox outbox, Clock clock, MeterRegistry metrics) {
        this.schedule = schedule;
        this.readiness = readiness;
        this.outbox = outbox;
        this.clock = clock;
        this.metrics = metrics;
        this.passes = Timer.builder("tokenwarden.scheduler.pass").description("scheduling passes").register(metrics);
        this.deferred = Counter.builder("tokenwarden.scheduler.deferred").description("rotations that waited for pacing budget").register(metrics);
        metrics.gauge("tokenwarden.scheduler.credentials", schedule, Schedule::size);
        metrics.gauge("tokenwarden.scheduler.rebuilt", readiness, r -> r.rebuilt() ? 1 : 0);
        // Named outside tokenwarden.scheduler: deploy/kubernetes/base/monitoring.yaml alerts on tokenwarden_rotations_overdue.
        for (String tier : schedule.policy().tiers().keySet()) {
            Gauge.builder("tokenwarden.rotations.overdue", schedule, s -> s.overdue(tier)).tag("tier", tier)
                    .description("owned rotations retried to the limit and not confirmed").register(metrics);
        }
    }

    @Scheduled(every = "${tokenwarden.scheduler.pass-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!readiness.rebuilt()) {
            LOG.debug("schedule not yet rebuilt from the topics; pass skipped");
            return;
        }
        PassResult result = passes.record(() -> schedule.pass(clock.instant()));
        if (!result.rotations().isEmpty() || !result.incidents().isEmpty() || result.deferred() > 0) {
            LOG.infof("pass: %d rotation(s) emitted, %d incident(s), %d deferred by pacing",
                    result.rotations().size(), result.incidents().size(), result.deferred());
        }
        outbox.publish(result);
        for (RotationDue due : result.rotations()) {
            metrics.counter("tokenwarden.scheduler.rotations.emitted", "reason", due.reason().name().toLowerCase(Locale.ROOT)).increment();
        }
        for (Incident incident : result.incidents()) {
            metrics.counter("tokenwarden.scheduler.incidents", "type", incident.type(), "status", incident.status().name().toLowerCase(Locale.ROOT))
                    .increment();
        }
        deferred.increment(result.deferred());
    }
}
