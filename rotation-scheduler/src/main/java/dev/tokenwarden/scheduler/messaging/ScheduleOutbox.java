package dev.tokenwarden.scheduler.messaging;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.OperatorAction;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationRequested;
import dev.tokenwarden.platform.events.EventPublisher;
import dev.tokenwarden.platform.events.IncidentPublisher;
import dev.tokenwarden.platform.events.OperatorActionLog;
import dev.tokenwarden.scheduler.config.SchedulerConfig;
import dev.tokenwarden.scheduler.domain.PassResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/** Everything the scheduler writes to Kafka, each send awaited for at most the configured send timeout. */
@ApplicationScoped
public class ScheduleOutbox {
    private static final Logger LOG = Logger.getLogger(ScheduleOutbox.class);

    private final EventPublisher publisher;
    private final IncidentPublisher incidents;
    private final OperatorActionLog actions;
    private final Emitter<byte[]> rotationDue;
    private final Emitter<byte[]> inventory;
    private final Emitter<byte[]> requests;
    private final SchedulerConfig config;

    public ScheduleOutbox(EventPublisher publisher, IncidentPublisher incidents, OperatorActionLog actions,
                          @Channel(Channels.ROTATION_DUE_OUT) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> rotationDue,
                          @Channel(Channels.INVENTORY_OUT) Emitter<byte[]> inventory,
                          @Channel(Channels.ROTATION_REQUESTS_OUT) Emitter<byte[]> requests, SchedulerConfig config) {
        this.publisher = publisher;
        this.incidents = incidents;
        this.actions = actions;
        this.rotationDue = rotationDue;
        this.inventory = inventory;
        this.requests = requests;
        this.config = config;
    }

    /**
     * Sends a pass's rotations (event id {@code <rotationId>/<attempt>}, so the broker recognises a redelivery)
     * and incidents. A rotation that could not be sent is still remembered as emitted: its deadline passes
     * unconfirmed and it is retried, so a failed send delays it but never loses it.
     */
    public void publish(PassResult result) {
        List<CompletionStage<Void>> sends = new ArrayList<>();
        for (RotationDue due : result.rotations()) {
            sends.add(publisher.send(rotationDue, EventType.ROTATION_DUE, due.credentialId(), due.rotationId() + "/" + due.attempt(), due));
        }
        result.incidents().forEach(incident -> sends.add(incidents.publish(incident)));
        await(sends, "pass of " + result.rotations().size() + " rotation(s) and " + result.incidents().size() + " incident(s)");
    }

    public void incidents(List<Incident> raised) {
        if (!raised.isEmpty()) {
            await(raised.stream().map(incidents::publish).toList(), raised.size() + " incident(s)");
        }
    }

    /** Writes an entry to the compacted inventory topic; fails if Kafka does not acknowledge it in time. */
    public void put(InventoryEntry entry) throws SendFailedException {
        awaitOrThrow(publisher.send(inventory, EventType.INVENTORY_ENTRY, entry.id(), entry));
    }

    /** Writes a manual or emergency request for every replica; fails if Kafka does not acknowledge it in time. */
    public void request(RotationRequested request) throws SendFailedException {
        awaitOrThrow(publisher.send(requests, EventType.ROTATION_REQUESTED, request.requestId(), request));
    }

    public void delete(String credentialId) throws SendFailedException {
        awaitOrThrow(publisher.sendTombstone(inventory, EventType.INVENTORY_ENTRY, credentialId));
    }

    /** Records a state-changing call on operator.actions; the call itself has already been applied. */
    public void record(OperatorAction action) {
        await(List.of(actions.record(action)), "operator action " + action.action());
    }

    private void await(List<CompletionStage<Void>> sends, String what) {
        try {
            awaitOrThrow(CompletableFuture.allOf(sends.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)));
        } catch (SendFailedException e) {
            LOG.errorf("sending %s failed: %s", what, e.getMessage());
        }
    }

    private void awaitOrThrow(CompletionStage<Void> send) throws SendFailedException {
        try {
            send.toCompletableFuture().get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SendFailedException("Kafka did not acknowledge within " + config.sendTimeout());
        } catch (ExecutionException e) {
            throw new SendFailedException(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailedException("interrupted");
        }
    }

    /** Kafka did not take a record in time; nothing credential-bearing is in the message. */
    public static final class SendFailedException extends Exception {
        public SendFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
