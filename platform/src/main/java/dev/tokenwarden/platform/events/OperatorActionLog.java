package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.OperatorAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Who changed what, when: every state-changing call is recorded on {@code operator.actions}, keyed by principal. */
@ApplicationScoped
public class OperatorActionLog {
    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;

    public OperatorActionLog(EventPublisher publisher, @Channel("operator-actions-out") Emitter<byte[]> channel) {
        this.publisher = publisher;
        this.channel = channel;
    }

    public CompletionStage<Void> record(OperatorAction action) {
        return publisher.send(channel, EventType.OPERATOR_ACTION, action.principal(), action.actionId(), action);
    }
}
