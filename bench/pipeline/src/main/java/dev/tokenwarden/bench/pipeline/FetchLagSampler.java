package dev.tokenwarden.bench.pipeline;

import dev.tokenwarden.e2e.E2eStack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples every service's own Kafka consumer lag once a second from its {@code /q/metrics}: the Kafka client's
 * {@code records-lag-max} per consumer (the log end minus the consumer's fetch position, the largest over the client's
 * metric window). Unlike {@link LagSampler}'s committed offsets this is what a consumer has not yet read, without the
 * commit interval and without the time records spend being processed.
 */
final class FetchLagSampler implements AutoCloseable {
    private static final Pattern LAG = Pattern.compile(
            "^kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final E2eStack stack;
    private final List<String> services;
    private final Map<String, Double> worst = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    FetchLagSampler(E2eStack stack, List<String> services) {
        this.stack = stack;
        this.services = services;
        thread = new Thread(this::sampleEverySecond, "fetch-lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleEverySecond() {
        while (running) {
            for (String service : services) {
                try {
                    Matcher lag = LAG.matcher(stack.call(service, "GET", "/q/metrics", null).body());
                    while (lag.find()) {
                        double records = Double.parseDouble(lag.group(2));
                        if (!Double.isNaN(records)) {
                            worst.merge(service + " " + lag.group(1), records, Math::max);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("fetch lag sample of " + service + " failed: " + e);
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The worst fetch lag per service and consumer since the last call, and starts a new phase. */
    Map<String, Double> takeWorst() {
        Map<String, Double> phase = new TreeMap<>(worst);
        worst.clear();
        return phase;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
