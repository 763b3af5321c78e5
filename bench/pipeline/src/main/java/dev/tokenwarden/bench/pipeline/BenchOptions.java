package dev.tokenwarden.bench.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The bench's scale and GitHub's latency, from {@code --name value} flags; the defaults are the full scale. */
record BenchOptions(int credentials, int perHour, int installations, int workflows, int workflowsPerRepository, int latencyMinMillis,
        int latencyMaxMillis, String run) {
    private static final Set<String> FLAGS = Set.of("--credentials", "--per-hour", "--installations", "--workflows", "--workflows-per-repo",
            "--latency-ms", "--run");

    static BenchOptions parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i]) || i + 1 >= args.length) {
                System.err.println("usage: PipelineBench [--credentials 10000] [--per-hour 10000] [--installations 50] [--workflows 100000]"
                        + " [--workflows-per-repo 10] [--latency-ms 100-300] [--run name]; unknown or incomplete: " + args[i]);
                System.exit(2);
            }
            flags.put(args[i], args[i + 1]);
        }
        String[] latency = flags.getOrDefault("--latency-ms", "100-300").split("-");
        return new BenchOptions(
                Integer.parseInt(flags.getOrDefault("--credentials", "10000")),
                Integer.parseInt(flags.getOrDefault("--per-hour", "10000")),
                Integer.parseInt(flags.getOrDefault("--installations", "50")),
                Integer.parseInt(flags.getOrDefault("--workflows", "100000")),
                Integer.parseInt(flags.getOrDefault("--workflows-per-repo", "10")),
                Integer.parseInt(latency[0]),
                Integer.parseInt(latency[latency.length - 1]),
                flags.getOrDefault("--run", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")));
    }

    String describe() {
        return ("scale: %,d credentials due at %,d per hour over %d app installations of one app; %,d workflows, %d per repository;"
                + " GitHub simulator latency %d-%d ms per answer, GitHub's secondary limit of 900 points per minute per identity enforced")
                .formatted(credentials, perHour, installations, workflows, workflowsPerRepository, latencyMinMillis, latencyMaxMillis);
    }
}
