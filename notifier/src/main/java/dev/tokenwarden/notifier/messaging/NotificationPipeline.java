package dev.tokenwarden.notifier.messaging;

import dev.tokenwarden.events.DeliveryRecord;
import dev.tokenwarden.events.Incident;
import dev.tokenwarden.notifier.NotifierConfig;
import dev.tokenwarden.notifier.domain.Deliverer;
import dev.tokenwarden.notifier.domain.Dispatcher;
import dev.tokenwarden.notifier.domain.Flush;
import dev.tokenwarden.notifier.domain.Receiver;
import dev.tokenwarden.notifier.domain.RetryPolicy;
import dev.tokenwarden.notifier.domain.RoutingConfig;
import dev.tokenwarden.notifier.domain.Silence;
import dev.tokenwarden.notifier.domain.Silences;
import dev.tokenwarden.notifier.infra.Receivers;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The notifier's running state: the dispatcher (routing, groups, silences, inhibition) and the deliverer
 * (receivers, retries, breakers, fallback). Incidents come in through {@link #accept}; a scheduler tick flushes
 * due groups, as many per receiver as it has room for, and starts due attempts without waiting for any.
 * Nothing flushes until the state has been rebuilt from the topics.
 */
@ApplicationScoped
public class NotificationPipeline implements StateRebuild.Target {
    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);
    private final RoutingConfig routing;
    private final Silences silences = new Silences();
    private final Dispatcher dispatcher;
    private final Deliverer deliverer;
    private final DeliveryLogPublisher log;
    private final Clock clock;
    private final CountDownLatch rebuilt = new CountDownLatch(1);
    private final Duration tickEvery;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("notifier-tick").daemon().factory());

    public NotificationPipeline(NotifierConfig config, Receivers receivers, DeliveryLogPublisher log, Clock clock,
            MeterRegistry registry) {
        Set<String> names = receivers.all().stream().map(Receiver::name).collect(Collectors.toSet());
        this.routing = RoutingConfig.parse(routingYaml(config), names);
        this.dispatcher = new Dispatcher(routing, silences);
        NotifierConfig.Retry retry = config.retry();
        this.deliverer = new Deliverer(receivers.all(), config.fallbackReceiver(),
                new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.maxRetryAfter(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                config.circuit().failureThreshold(), config.circuit().openFor(), config.maxInFlight(), config.maxQueued(),
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notifier-delivery-", 0).factory()), clock, log,
                dispatcher);
        this.log = log;
        this.clock = clock;
        this.tickEvery = config.tick();
        FunctionCounter.builder("tokenwarden.notifier.resends", deliverer, Deliverer::resends)
                .description("notifications sent again under a delivery id an earlier run had already tried")
                .register(registry);
        Gauge.builder("tokenwarden.notifier.pending.attempts", deliverer, Deliverer::pendingCount).register(registry);
    }

    /** Takes an incident in; false when it was a stale or repeated copy. */
    public boolean accept(Incident incident) {
        return dispatcher.accept(incident, clock.instant());
    }

    /** Replays one silence record from the topic at start. */
    @Override
    public void replay(Silence silence) {
        silences.apply(silence);
    }

    /** Replays one silence tombstone from the topic at start. */
    @Override
    public void removeSilence(String id) {
        silences.remove(id);
    }

    /** Replays one incident from the topic at start, at the time it was recorded. */
    @Override
    public void replay(Incident incident, Instant recordedAt) {
        dispatcher.accept(incident, recordedAt);
    }

    /** Replays one delivery record from the topic at start. */
    @Override
    public void replay(DeliveryRecord record) {
        deliverer.restore(record);
        log.remember(record);
    }

    void rebuilt() {
        rebuilt.countDown();
    }

    /** Holds live incidents back until the rebuild is done; a failed rebuild stops the application instead. */
    void awaitRebuilt() throws InterruptedException {
        rebuilt.await();
    }

    /**
     * Starts the tick on a thread of its own: Quarkus' scheduler runs an {@code every} under one second only once a
     * second, which put up to a second on every delivery whatever the configured tick. A fixed delay never runs two
     * ticks at once; a tick that fails is logged and the next one runs.
     */
    void startTicking(@Observes StartupEvent started) {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.errorf("notifier tick failed: %s", e.getClass().getName());
            }
        }, tickEvery.toMillis(), tickEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stopTicking() {
        ticker.shutdownNow();
    }

    void tick() {
        if (rebuilt.getCount() > 0) {
            return;
        }
        Flush flush = dispatcher.due(clock.instant(), deliverer::room);
        flush.suppressions().forEach(deliverer::suppressed);
        flush.notifications().forEach(deliverer::submit);
        deliverer.runDue();
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Silences silences() {
        return silences;
    }

    public RoutingConfig routing() {
        return routing;
    }

    private static String routingYaml(NotifierConfig config) {
        try {
            if (config.routingFile().isPresent()) {
                return Files.readString(Path.of(config.routingFile().get()), StandardCharsets.UTF_8);
            }
            try (InputStream bundled = NotificationPipeline.class.getResourceAsStream("/routing.yaml")) {
                if (bundled == null) {
                    throw new IllegalStateException("no tokenwarden.notifier.routing-file and no bundled routing.yaml");
                }
                return new String(bundled.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routing configuration", e);
        }
    }
}
