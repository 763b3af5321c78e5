package dev.tokenwarden.broker.api;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Records every state-changing call on {@code operator.actions}: who, in which role, did what to what, and how it ended. */
@ApplicationScoped
public class OperatorActions {
    private static final Logger LOG = Logger.getLogger(OperatorActions.class);

    private final OperatorActionLog log;
    private final BrokerConfig config;
    private final Clock clock;

    public OperatorActions(OperatorActionLog log, BrokerConfig config, Clock clock) {
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Waits for Kafka's acknowledgement. The change has happened by now, so a record that cannot be written
     * is logged loudly rather than turned into an error the caller would take for a failed change.
     */
    public void record(Caller caller, String action, String target, String outcome) {
        String actionId = UUID.randomUUID().toString();
        try {
            log.record(caller.action(actionId, Service.TOKEN_BROKER, action, target, outcome, clock.instant()))
                    .toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("operator action %s (%s by %s on %s: %s) not recorded: interrupted", actionId, action, caller.principal(), target, outcome);
        } catch (Exception e) {
            LOG.errorf("operator action %s (%s by %s on %s: %s) not recorded: %s", actionId, action, caller.principal(), target, outcome, e);
        }
    }
}
