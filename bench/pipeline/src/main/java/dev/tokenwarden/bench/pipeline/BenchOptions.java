package dev.tokenwarden.bench.pipeline;

import dev.tokenwarden.sandbox.process.ServiceProcess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bench's scale and GitHub's latency, from {@code --name value} flags; the defaults are the full scale. */
record BenchOptions(int credentials, int perHour, int installations, int apps, Set<String> phases, int workflows,
        int workflowsPerRepository, int latencyMinMillis, int latencyMaxMillis, Map<String, String> settings, String jvm,
        boolean gitHubLimits, String run) {
    static final List<String> PHASES = List.of("scheduled", "emergency", "orgscan");
    /**
     * The services' JVM flags: the local stack's (small heap, C1 only: quick to start on a laptop) or the images' (their
     * {@code JAVA_TOOL_OPTIONS} under the prod overlay's 1 GiB memory limit: C2, a 768 MiB heap).
     */
    static final Map<String, List<String>> JVMS = Map.of(
            "local-stack", ServiceProcess.DEFAULT_JVM_OPTIONS,
            "image", List.of("-XX:+UseSerialGC", "-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError"));
    private static final Set<String> FLAGS = Set.of("--credentials", "--per-hour", "--installations", "--apps", "--phases", "--workflows",
            "--workflows-per-repo", "--latency-ms", "--set", "--jvm", "--github-limits", "--run");
    private static final String USAGE = "usage: PipelineBench [--credentials 10000] [--per-hour 10000] [--installations 50] [--apps 1]"
            + " [--phases scheduled,emergency,orgscan] [--workflows 100000] [--workflows-per-repo 10] [--latency-ms 100-300]"
            + " [--set service.setting=value]... [--jvm local-stack|image] [--github-limits on|off] [--run name]";

    static BenchOptions parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i]) || i + 1 >= args.length || (args[i].equals("--set") && !args[i + 1].contains("="))) {
                fail("unknown or incomplete: " + args[i]);
            }
            if (args[i].equals("--set")) {
                settings.put(args[i + 1].substring(0, args[i + 1].indexOf('=')), args[i + 1].substring(args[i + 1].indexOf('=') + 1));
            } else {
                flags.put(args[i], args[i + 1]);
            }
        }
        Set<String> phases = new LinkedHashSet<>(List.of(flags.getOrDefault("--phases", String.join(",", PHASES)).split(",")));
        if (!PHASES.containsAll(phases)) {
            fail("--phases takes some of " + PHASES + ", not " + phases);
        }
        String jvm = flags.getOrDefault("--jvm", "local-stack");
        if (!JVMS.containsKey(jvm)) {
            fail("--jvm takes one of " + JVMS.keySet() + ", not " + jvm);
        }
        String limits = flags.getOrDefault("--github-limits", "on");
        if (!List.of("on", "off").contains(limits)) {
            fail("--github-limits takes on or off, not " + limits);
        }
        if (limits.equals("off")) {
            // The auditor's own pacer would hold its org scans to GitHub's secondary limit even where the simulator does not.
            settings.putIfAbsent("workflow-auditor:tokenwarden.github.secondary-points-per-minute", "0");
        }
        String[] latency = flags.getOrDefault("--latency-ms", "100-300").split("-");
        return new BenchOptions(
                Integer.parseInt(flags.getOrDefault("--credentials", "10000")),
                Integer.parseInt(flags.getOrDefault("--per-hour", "10000")),
                Integer.parseInt(flags.getOrDefault("--installations", "50")),
                Integer.parseInt(flags.getOrDefault("--apps", "1")),
                phases,
                Integer.parseInt(flags.getOrDefault("--workflows", "100000")),
                Integer.parseInt(flags.getOrDefault("--workflows-per-repo", "10")),
                Integer.parseInt(latency[0]),
                Integer.parseInt(latency[latency.length - 1]),
                settings,
                jvm,
                limits.equals("on"),
                flags.getOrDefault("--run", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")));
    }

    private static void fail(String problem) {
        System.err.println(USAGE + "; " + problem);
        System.exit(2);
    }

    List<String> jvmOptions() {
        return JVMS.get(jvm);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    String describe() {
        return ("phases %s; scale: %,d credentials due at %,d per hour, each with an app pool of %d app(s) over %d installations per app;"
                + " %,d workflows, %d per repository; GitHub simulator latency %d-%d ms per answer, %s; the services' JVM flags: %s %s%s")
                .formatted(String.join(",", phases), credentials, perHour, apps, installations, workflows, workflowsPerRepository,
                        latencyMinMillis, latencyMaxMillis, gitHubLimits
                                ? "GitHub's secondary limit of 900 points per minute per identity and its primary limit enforced"
                                : "GitHub's limits LIFTED (a capacity run GitHub would not allow: no secondary limit, no primary limit"
                                        + " on the auditor's installation, the auditor's client pacer off)",
                        jvm, jvmOptions(), settings.isEmpty() ? "" : "; settings " + settings);
    }
}
