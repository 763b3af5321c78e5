package dev.tokenwarden.broker.messaging;

import dev.tokenwarden.broker.domain.Revocations;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Revokes superseded values once their overlap window has passed. Pending revocations live in the ledger,
 * so after a restart the first sweep that follows the rebuild picks them up.
 */
@ApplicationScoped
public class RevocationSweeper {
    private static final Logger LOG = Logger.getLogger(RevocationSweeper.class);

    private final Revocations revocations;
    private final StateRebuild rebuild;

    public RevocationSweeper(Revocations revocations, StateRebuild rebuild) {
        this.revocations = revocations;
        this.rebuild = rebuild;
    }

    @Scheduled(every = "${tokenwarden.broker.sweep-interval}", delayed = "${tokenwarden.broker.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!rebuild.ready()) {
            return;
        }
        for (Revocations.Revocation result : revocations.sweep()) {
            if (result.outcome() == Revocations.Revocation.Outcome.FAILED) {
                LOG.warnf("revoking value %s of %s failed, retried next sweep: %s", result.valueHash(), result.credentialId(),
                        result.detail());
            } else {
                LOG.infof("value %s of %s: %s", result.valueHash(), result.credentialId(), result.outcome());
            }
        }
    }
}
