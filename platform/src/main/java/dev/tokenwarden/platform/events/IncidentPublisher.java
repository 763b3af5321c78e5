package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Every service raises and resolves its problems here; the notifier is the only one that reads them. */
@ApplicationScoped
public class IncidentPublisher {
    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;

    public IncidentPublisher(EventPublisher publisher, @Channel("incidents-out") Emitter<byte[]> channel) {
        this.publisher = publisher;
        this.channel = channel;
    }

    public CompletionStage<Void> publish(Incident incident) {
        return publisher.send(channel, EventType.INCIDENT, incident.incidentKey(), incident);
    }
}
