package dev.tokenwarden.bench.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * CPU time each process of the stack spent in a phase: this JVM (the bench, the GitHub simulator and the webhook
 * receiver) and every process it started (the four services, the Kafka broker, OpenBao), named from its command line.
 * On a machine of few cores the pipeline's throughput is bounded by whichever of them needs the most CPU per rotation,
 * so this is what says where a phase's time went.
 */
final class CpuMeter {
    private static final String BENCH = "bench, GitHub simulator, receiver";
    private final List<String> services;
    private final LongSupplier kafkaPid;
    private Map<String, Duration> atStart = Map.of();

    /** @param kafkaPid the Kafka broker's process id, asked each time: its command line (a long class path) may be cut short */
    CpuMeter(List<String> services, LongSupplier kafkaPid) {
        this.services = services;
        this.kafkaPid = kafkaPid;
    }

    void start() {
        atStart = snapshot();
    }

    /** CPU seconds per process since {@link #start()}, by name. */
    Map<String, Double> secondsSinceStart() {
        Map<String, Double> spent = new TreeMap<>();
        snapshot().forEach((process, total) -> spent.put(process,
                total.minus(atStart.getOrDefault(process, Duration.ZERO)).toMillis() / 1000.0));
        return spent;
    }

    private Map<String, Duration> snapshot() {
        Map<String, Duration> cpu = new TreeMap<>();
        add(cpu, BENCH, ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(process -> add(cpu, name(process), process));
        return cpu;
    }

    private static void add(Map<String, Duration> cpu, String name, ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(spent -> cpu.merge(name, spent, Duration::plus));
    }

    private String name(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        for (String service : services) {
            if (commandLine.contains("/" + service + "/")) {
                return service;
            }
        }
        if (process.pid() == kafkaPid.getAsLong()) {
            return "kafka";
        }
        if (commandLine.contains("server -dev")) {
            return "openbao";
        }
        return "other (" + process.info().command().orElse("pid " + process.pid()) + ")";
    }
}
