package dev.tokenwarden.platform.github;

import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.RateLimitObservation;
import dev.tokenwarden.platform.events.EventPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes every rate-limit observation on {@code tokenwarden.github.ratelimit} (compacted, keyed by
 * installation) and as gauges {@code tokenwarden.github.ratelimit.remaining} / {@code .limit} tagged by
 * installation and resource. The send is deliberately not awaited: a GitHub call that has happened must not
 * wait for, or fail with, Kafka; a failed send is logged and the next observation supersedes it.
 */
@ApplicationScoped
public class RateLimitPublisher implements RateLimitListener {
    private static final Logger LOG = Logger.getLogger(RateLimitPublisher.class);

    private final EventPublisher publisher;
    private final Emitter<byte[]> channel;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> limits = new ConcurrentHashMap<>();
    private final Map<String, RateLimitObservation> latest = new ConcurrentHashMap<>();

    public RateLimitPublisher(EventPublisher publisher, @Channel("github-ratelimit-out") Emitter<byte[]> channel, MeterRegistry registry) {
        this.publisher = publisher;
        this.channel = channel;
        this.registry = registry;
    }

    @Override
    public void observed(RateLimitObservation observation) {
        latest.put(observation.installation() + " " + observation.resource(), observation);
        gauge(remaining, "tokenwarden.github.ratelimit.remaining", observation).set(observation.remaining());
        gauge(limits, "tokenwarden.github.ratelimit.limit", observation).set(observation.limit());
        publisher.send(channel, EventType.RATE_LIMIT_OBSERVED, observation.installation(), observation)
                .whenComplete((sent, failure) -> {
                    if (failure != null) {
                        LOG.warnf("rate-limit observation for %s not published: %s", observation.installation(), failure.toString());
                    }
                });
    }

    /** The last observation this process made for {@code installation} (a credential's rate key) and {@code resource}. */
    public Optional<RateLimitObservation> latest(String installation, String resource) {
        return Optional.ofNullable(latest.get(installation + " " + resource));
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, RateLimitObservation observation) {
        return values.computeIfAbsent(observation.installation() + " " + observation.resource(), key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .tag("installation", observation.installation())
                    .tag("resource", observation.resource())
                    .register(registry);
            return value;
        });
    }
}
