package dev.tokenwarden.scheduler.infra;

import dev.tokenwarden.scheduler.messaging.Readiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Ready once the schedule is rebuilt from the topics and the inventory file's credentials are in it: before,
 * {@code POST /rotations} would answer 404 for a credential the file names, and no pass runs.
 */
@org.eclipse.microprofile.health.Readiness
@ApplicationScoped
public class ScheduleReadinessCheck implements HealthCheck {
    private final Readiness readiness;
    private final InventoryFileWatch fileWatch;

    public ScheduleReadinessCheck(Readiness readiness, InventoryFileWatch fileWatch) {
        this.readiness = readiness;
        this.fileWatch = fileWatch;
    }

    @Override
    public HealthCheckResponse call() {
        boolean rebuilt = readiness.rebuilt();
        boolean applied = fileWatch.applied();
        return HealthCheckResponse.named("schedule").status(rebuilt && applied)
                .withData("rebuilt", rebuilt)
                .withData("inventory-file", fileWatch.lastOutcome())
                .build();
    }
}
