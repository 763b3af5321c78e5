package dev.tokenwarden.broker.flows;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The broker's clock in tests is the sandbox's, which the simulator shares. */
@ApplicationScoped
public class SandboxClock {
    @Produces
    @Singleton
    Clock clock() {
        return Sandbox.clock();
    }
}
