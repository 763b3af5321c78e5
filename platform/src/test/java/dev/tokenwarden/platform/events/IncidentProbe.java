package dev.tokenwarden.platform.events;

import dev.tokenwarden.events.EventType;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer wired exactly as the services wire theirs, recording what it accepted. */
@ApplicationScoped
public class IncidentProbe {
    private final CloudEventReader reader = CloudEventReader.accepting(EventType.INCIDENT);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    /** Incidents whose key starts with this fail on their first delivery, as after a transient outage. */
    public static final String FLAKY_PREFIX = "flaky-";

    public record Received(InboundEvent event, String traceparent) {
    }

    @Incoming("incidents")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        InboundEvent event = reader.read(record);
        if (event.key().startsWith(FLAKY_PREFIX) && failedOnce.add(event.key())) {
            throw new IllegalStateException("transient failure on the first delivery of " + event.key());
        }
        Header traceparent = record.headers().lastHeader("traceparent");
        received.add(new Received(event,
                traceparent == null ? null : new String(traceparent.value(), StandardCharsets.UTF_8)));
    }

    public List<Received> received() {
        return received;
    }
}
