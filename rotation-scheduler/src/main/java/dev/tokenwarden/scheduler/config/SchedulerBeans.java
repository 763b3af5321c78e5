package dev.tokenwarden.scheduler.config;

import dev.tokenwarden.scheduler.domain.InventoryValidator;
import dev.tokenwarden.scheduler.domain.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The plain-Java domain objects, built once from configuration. */
@ApplicationScoped
public class SchedulerBeans {
    @Produces
    @Singleton
    Schedule schedule(SchedulerConfig config) {
        return new Schedule(config.policy());
    }

    @Produces
    @Singleton
    InventoryValidator validator(SchedulerConfig config) {
        return new InventoryValidator(config.policy());
    }
}
