package dev.tokenwarden.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenwarden.bench.BenchFigures;
import dev.tokenwarden.e2e.E2eStack;
import dev.tokenwarden.localstack.SimulatedOrganisation;
import dev.tokenwarden.sandbox.github.RecordedExchange;
import dev.tokenwarden.sandbox.vault.InMemoryVaultServer;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import dev.tokenwarden.localstack.VaultAsRoot;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The whole pipeline under load: the four services as processes (e2e's {@link E2eStack}: a Kafka broker process, OpenBao,
 * the GitHub simulator with realistic latency and GitHub's secondary limit, a webhook receiver), driven as an operator
 * and an organisation would drive them, measured from the topics, the admin API and the simulator's log only.
 * <ol>
 * <li>scheduled: credentials become due at a steady rate (10,000 per hour by default) in real time;</li>
 * <li>emergency: one request rotates every one of them, against the time GitHub's secondary limit allows;</li>
 * <li>org scan: an organisation holding many workflows, scanned through {@code POST /org-scans}, then scanned again
 * unchanged (rescan: the auditor's blob cache spares the files' reads).</li>
 * </ol>
 * Prints tables and writes {@code bench/results/raw/PipelineBench-<run>.json}. Asserts nothing.
 */
public final class PipelineBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "load-";
    private static final String AUDITOR_CREDENTIAL = "workflow-auditor-github";
    private static final String AUDITOR_PATH = "github/auditor/workflow-auditor/" + AUDITOR_CREDENTIAL;
    /** GitHub's documented secondary limit for REST: 900 points per minute; a write (the mint is a POST) costs 5. */
    static final int SECONDARY_POINTS_PER_MINUTE = 900;
    static final int POINTS_PER_WRITE = 5;
    /** Written after each phase, so a run stopped early keeps what it measured. */
    private static final Path RESULTS = E2eStack.PROJECT.resolve("bench/results/raw");

    private final BenchOptions options;
    private final E2eStack stack;
    private final TopicTail tail;
    private final LagSampler lag;
    private final FetchLagSampler fetchLag;
    private final CpuMeter cpu;
    private final BenchReport report;
    private final VaultEndpoint vault;

    private PipelineBench(BenchOptions options, E2eStack stack, VaultEndpoint vault, BenchReport report) {
        this.options = options;
        this.vault = vault;
        this.stack = stack;
        this.report = report;
        this.tail = new TopicTail(stack.kafka.bootstrapServers());
        this.lag = new LagSampler(stack.kafka.bootstrapServers());
        this.fetchLag = new FetchLagSampler(stack, E2eStack.SERVICES);
        this.cpu = new CpuMeter(E2eStack.SERVICES, stack.kafka::pid);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        BenchReport report = new BenchReport(options.run());
        report.note("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average at start " + BenchReport.loadAverage()
                + ", Java " + Runtime.version());
        report.note(options.describe());
        VaultEndpoint vault = vault(report);
        Map<String, String> settings = new LinkedHashMap<>(productionTimings());
        settings.putAll(options.settings());
        try (E2eStack stack = E2eStack.start("pipeline-bench", settings, vault, options.apps(), options.jvmOptions())) {
            stack.github.setLatency(Duration.ofMillis(options.latencyMinMillis()), Duration.ofMillis(options.latencyMaxMillis()));
            stack.github.keepResponseBodies(false);
            stack.keepNoAnswersForTheLeakCheck();
            if (options.gitHubLimits()) {
                stack.github.enforceSecondaryLimits(SECONDARY_POINTS_PER_MINUTE);
            }
            PipelineBench bench = new PipelineBench(options, stack, vault, report);
            try {
                if (options.credentials() > 0 && options.runs("scheduled")) {
                    bench.scheduled();
                    report.write(RESULTS);
                } else if (options.credentials() > 0 && options.runs("emergency")) {
                    bench.provision();
                    report.write(RESULTS);
                }
                if (options.credentials() > 0 && options.runs("emergency")) {
                    bench.emergency();
                    report.write(RESULTS);
                }
                if (options.workflows() > 0 && options.runs("orgscan")) {
                    bench.orgScan();
                }
            } finally {
                bench.tail.close();
                bench.lag.close();
                bench.fetchLag.close();
            }
        }
        report.note("load average at the end " + BenchReport.loadAverage());
        Path written = report.write(RESULTS);
        System.out.println("\nwrote " + E2eStack.PROJECT.relativize(written));
        System.exit(0);
    }

    /** Real OpenBao when {@code bao} is installed; otherwise the in-memory Vault-API server, said in the report. */
    private static VaultEndpoint vault(BenchReport report) {
        return SharedVaults.openBao().map(bao -> {
            report.note("Vault: OpenBao (bao server -dev) at " + bao.address());
            return bao;
        }).orElseGet(() -> {
            InMemoryVaultServer server = InMemoryVaultServer.start();
            report.note("Vault: bao NOT found, so the in-memory Vault-API server stands in (" + SharedVaults.BAO_MISSING + ")");
            return new VaultEndpoint("in-memory", server.address(), server.rootToken());
        });
    }

    /** e2e shortens the services' timings to seconds; a load run uses the production defaults instead. */
    private static Map<String, String> productionTimings() {
        return Map.of(
                "tokenwarden.broker.overlap", "10m",
                "tokenwarden.broker.sweep-interval", "30s",
                "tokenwarden.scheduler.pass-every", "PT5S",
                "tokenwarden.scheduler.inventory-file.poll-every", "PT10S",
                "tokenwarden.scheduler.installation-confirm-within", "PT10M");
    }

    // ---- 1. scheduled rotations at a steady rate

    private void scheduled() throws Exception {
        int n = options.credentials();
        Duration spacing = Duration.ofNanos((long) (3600e9 / options.perHour()));
        System.out.printf("%n== scheduled: %,d credentials due at %,d per hour (one every %d ms), %d installations%n", n, options.perHour(),
                spacing.toMillis(), options.installations());
        stack.github.clearRequests();
        startPhase();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long dueIn = started + spacing.toNanos() * i - System.nanoTime();
            if (dueIn > 0) {
                Thread.sleep(Duration.ofNanos(dueIn));
            }
            addCredential(i);
            if ((i + 1) % 500 == 0) {
                System.out.printf("  %,d added, %,d rotated%n", i + 1, rotated(tail.rotations(PREFIX, false)));
            }
        }
        double offeredSeconds = (System.nanoTime() - started) / 1e9;
        awaitRotated(() -> tail.rotations(PREFIX, false), n, Duration.ofMinutes(5));
        List<TopicTail.Rotation> rotations = tail.rotations(PREFIX, false);
        Map<String, LagSampler.GroupLag> groups = lag.takeWorst();
        List<RecordedExchange> calls = stack.github.requests();

        Delays delays = Delays.of(rotations);
        report.figure("scheduled.offered-per-second", "credentials made due per second (offered load)", "1/s", n / offeredSeconds, null);
        report.figure("scheduled.rotations-per-second", "rotations per second (first rotation.due to last token.rotated)", "1/s",
                delays.perSecond(), null);
        report.figure("scheduled.delay-median", "rotation.due to token.rotated, median", "ms", delays.percentile(0.5), null);
        report.figure("scheduled.delay-p99", "rotation.due to token.rotated, 99th percentile", "ms", delays.percentile(0.99), null);
        report.figure("scheduled.not-rotated", "rotations due but not rotated at the end", "rotations", delays.missing(), null);
        reportLag("scheduled", groups);
        reportCalls("scheduled", calls, delays.rotated());
        reportCpu("scheduled", delays.rotated(), "rotation");
    }

    /** Credential {@code i} on repository {@code load-<i mod installations>}, with an installation of every app of the pool there. */
    private void addCredential(int i) throws Exception {
        int installation = i % options.installations();
        Map<Long, Long> pool = new LinkedHashMap<>();
        for (int app = 0; app < options.apps(); app++) {
            pool.put(SimulatedOrganisation.APP_ID + app, 8_800_000L + app * 100_000L + installation);
        }
        stack.addCredential(PREFIX + i, "acme/" + PREFIX + installation, pool);
    }

    /** Without the scheduled phase: every credential added at once, and their first rotations awaited (paced as any burst). */
    private void provision() throws Exception {
        int n = options.credentials();
        System.out.printf("%n== provision: %,d credentials added at once, each rotated once before the emergency%n", n);
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            addCredential(i);
        }
        System.out.printf("  %,d added in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
        awaitRotated(() -> tail.rotations(PREFIX, false), n, Duration.ofMinutes(5));
        Delays delays = Delays.of(tail.rotations(PREFIX, false));
        report.figure("provision.seconds", "first rotation of every credential, added at once: first rotation.due to last token.rotated", "s",
                (delays.lastRotatedAt() - delays.firstDueAt()) / 1000.0, null);
        report.figure("provision.not-rotated", "credentials not rotated at the end of the provision", "rotations", delays.missing(), null);
    }

    // ---- 2. emergency rotation of every credential

    private void emergency() throws Exception {
        int n = options.credentials();
        double boundSeconds = n * POINTS_PER_WRITE * 60.0 / SECONDARY_POINTS_PER_MINUTE / options.apps();
        System.out.printf("%n== emergency: rotate all %,d credentials at once; GitHub's secondary limit allows it in %.0f s at best"
                + " with %d app(s)%n", n, boundSeconds, options.apps());
        // GitHub's window is a sliding minute: let the scheduled phase's mints leave it, so the bound holds from the request.
        Thread.sleep(Duration.ofSeconds(61));
        stack.github.clearRequests();
        startPhase();
        long requested = System.currentTimeMillis();
        stack.requestRotation("consumer", "e2e", "emergency");
        // Past three times the bound the aim is missed whatever follows, so the wait ends once nothing has moved for that
        // long (or twice that in all): a rotation GitHub refused is ordered again only after its 10-minute confirmation
        // window, and waiting for every one could take many such windows.
        awaitRotated(() -> tail.rotations(PREFIX, true), n, Duration.ofSeconds((long) Math.max(120, 3 * boundSeconds)));
        List<TopicTail.Rotation> rotations = tail.rotations(PREFIX, true);
        Map<String, LagSampler.GroupLag> groups = lag.takeWorst();
        List<RecordedExchange> calls = stack.github.requests();

        Delays delays = Delays.of(rotations);
        boolean complete = delays.rotated() >= n;
        double seconds = ((complete ? delays.lastRotatedAt() : System.currentTimeMillis()) - requested) / 1000.0;
        if (!complete) {
            report.note("emergency rotation INCOMPLETE: " + (n - delays.rotated()) + " of " + n
                    + " credentials not rotated when the bench stopped waiting; its time is the time waited, a lower bound");
        }
        report.figure("emergency.seconds", "request to last token.rotated", "s", seconds, null);
        report.figure("emergency.bound-seconds", "what GitHub's secondary limit allows for the pool's mints (" + n
                + " x 5 points / 900 per minute / " + options.apps() + " app(s))", "s", boundSeconds, null);
        report.figure("emergency.ratio-to-bound", "time taken over the secondary-limit bound", "x", seconds / boundSeconds,
                BenchFigures.Aim.below(1.1));
        report.figure("emergency.not-rotated", "credentials not rotated at the end", "rotations", n - delays.rotated(), null);
        report.figure("emergency.delay-p99", "rotation.due to token.rotated, 99th percentile", "ms", delays.percentile(0.99), null);
        reportLag("emergency", groups);
        reportCalls("emergency", calls, delays.rotated());
        reportCpu("emergency", delays.rotated(), "rotation");
    }

    // ---- 3. an organisation scan over many workflows

    private void orgScan() throws Exception {
        int repositories = Math.max(1, options.workflows() / options.workflowsPerRepository());
        int workflows = repositories * options.workflowsPerRepository();
        System.out.printf("%n== org scan: %,d workflows in %,d repositories%n", workflows, repositories);
        for (int r = 0; r < repositories; r++) {
            var repository = stack.github.addRepository(SimulatedOrganisation.ORG, "scan-" + r);
            for (int w = 0; w < options.workflowsPerRepository(); w++) {
                repository.putFile(".github/workflows/w" + w + ".yml", Workflows.workflow(r, w));
            }
        }
        auditorSeesTheWholeOrganisation();
        scanOrganisation("orgscan", workflows);
        System.out.printf("%n== rescan: the same organisation scanned again, nothing changed%n");
        scanOrganisation("rescan", workflows);
    }

    /** One {@code POST /org-scans} of the organisation, to completed; its figures under {@code phase}. */
    private void scanOrganisation(String phase, int workflows) throws Exception {
        stack.github.clearRequests();
        startPhase();
        long findingsBefore = tail.findings();
        long started = System.nanoTime();
        HttpResponse<String> accepted = stack.call("workflow-auditor", "POST", "/org-scans", "{\"org\":\"" + SimulatedOrganisation.ORG + "\"}");
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("org scan refused: " + accepted.statusCode() + " " + accepted.body());
        }
        String id = JSON.readTree(accepted.body()).path("id").asText();
        JsonNode scan;
        do {
            Thread.sleep(2_000);
            scan = JSON.readTree(stack.call("workflow-auditor", "GET", "/org-scans/" + id, null).body());
            System.out.printf("  %s: %s of %s repositories%n", scan.path("state").asText(), scan.path("repositoriesScanned").asText("?"),
                    scan.path("repositoriesTotal").asText("?"));
        } while (!List.of("completed", "failed").contains(scan.path("state").asText().toLowerCase(Locale.ROOT)));
        double seconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(5_000);
        long findings = tail.findings() - findingsBefore;
        List<RecordedExchange> calls = stack.github.requests();
        long contentReads = calls.stream().filter(call -> call.path().contains("/contents/")).count();

        report.figure(phase + ".workflows-per-second", "workflows scanned per second", "1/s", workflows / seconds, null);
        report.figure(phase + ".seconds", "POST /org-scans to completed", "s", seconds, null);
        report.figure(phase + ".findings", "findings published on audit.findings", "findings", findings, null);
        report.figure(phase + ".github-calls", "GitHub calls", "calls", calls.size(), null);
        report.figure(phase + ".calls-per-workflow", "GitHub calls per workflow", "calls", (double) calls.size() / workflows, null);
        report.figure(phase + ".content-reads", "workflow files read from GitHub (the others from the blob cache)", "files",
                contentReads, null);
        report.note(phase + ": org scan " + id + " ended " + scan.path("state").asText() + ": " + scan);
        reportLag(phase, lag.takeWorst());
        reportCpu(phase, workflows, "workflow");
    }

    /**
     * The example installation covers four repositories and the auditor's token was minted for those; an org-wide scan
     * needs the app installed on every repository. The installation is widened, the auditor's credential rotated, and
     * its previous value revoked at once (rather than after the overlap) so the auditor's next call is refused and it
     * reads the new value from Vault, as it does after any rotation.
     */
    private void auditorSeesTheWholeOrganisation() throws Exception {
        long installation = SimulatedOrganisation.INSTALLATIONS.getFirst();
        if (!options.gitHubLimits()) {
            stack.github.setRateLimit(SimulatedOrganisation.APP_ID + "/" + installation, Integer.MAX_VALUE);
        }
        stack.github.addInstallation(SimulatedOrganisation.APP_ID, installation, SimulatedOrganisation.ORG, List.of(),
                SimulatedOrganisation.INSTALLATION_PERMISSIONS);
        String before = auditorToken();
        stack.requestRotation("credential", AUDITOR_CREDENTIAL, "manual");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (auditorToken().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the auditor's credential was not rotated within 2 minutes");
            }
            Thread.sleep(1_000);
        }
        HttpResponse<String> revoked = VaultAsRoot.HTTP.send(HttpRequest.newBuilder(URI.create(stack.github.baseUrl() + "/installation/token"))
                .header("Authorization", "Bearer " + before).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        // 401: the value read before was no longer valid (the stack's first rotation of the credential replaced it).
        if (revoked.statusCode() != 204 && revoked.statusCode() != 401) {
            throw new IllegalStateException("revoking the auditor's previous token: HTTP " + revoked.statusCode());
        }
    }

    private String auditorToken() throws Exception {
        HttpResponse<String> read = VaultAsRoot.HTTP.send(VaultAsRoot.request(vault, "/v1/" + E2eStack.MOUNT + "/data/" + AUDITOR_PATH)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(read.body()).path("data").path("data").path("token").asText();
    }

    // ---- shared

    private static int rotated(List<TopicTail.Rotation> rotations) {
        return (int) rotations.stream().filter(r -> r.rotatedAt > 0).count();
    }

    /** Waits until {@code n} have rotated, or nothing has moved for {@code quiet}, or for {@code quiet} twice over in all. */
    private static void awaitRotated(Supplier<List<TopicTail.Rotation>> rotations, int n, Duration quiet) throws InterruptedException {
        long giveUp = System.nanoTime() + 2 * quiet.toNanos();
        int last = -1;
        long lastMove = System.nanoTime();
        while (true) {
            int done = rotated(rotations.get());
            if (done >= n) {
                return;
            }
            if (done != last) {
                last = done;
                lastMove = System.nanoTime();
                System.out.printf("  %,d of %,d rotated%n", done, n);
            } else if (System.nanoTime() - lastMove > quiet.toNanos() || System.nanoTime() > giveUp) {
                System.out.printf("  stopped waiting: %,d of %,d rotated, nothing moved for %s%n", done, n, quiet);
                return;
            }
            Thread.sleep(2_000);
        }
    }

    /** Forgets the lag seen before the phase. */
    private void startPhase() {
        lag.takeWorst();
        fetchLag.takeWorst();
        cpu.start();
    }

    /** Where the phase's CPU went: on 2 cores the process needing the most per unit of work bounds the throughput. */
    private void reportCpu(String phase, int units, String unit) {
        Map<String, Double> seconds = cpu.secondsSinceStart();
        DoubleUnaryOperator msPerUnit = spent -> units == 0 ? 0 : spent * 1000 / units;
        System.out.printf("  CPU time per process in the phase:%n");
        seconds.forEach((process, spent) -> {
            System.out.printf("    %-40s %9.1f s %8.2f ms per %s%n", process, spent, msPerUnit.applyAsDouble(spent), unit);
            String id = process.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
            report.figure(phase + ".cpu." + id, "CPU time of " + process + " per " + unit, "ms", msPerUnit.applyAsDouble(spent), null);
        });
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        report.figure(phase + ".cpu.total", "CPU time of the whole stack per " + unit + " (all processes)", "ms",
                msPerUnit.applyAsDouble(total), null);
    }

    private void reportLag(String phase, Map<String, LagSampler.GroupLag> groups) {
        Map<String, Double> fetched = fetchLag.takeWorst();
        System.out.printf("  consumer fetch lag (records-lag-max from each service's Kafka client, worst of the samples):%n");
        fetched.forEach((consumer, records) -> System.out.printf("    %-60s %8.0f records%n", consumer, records));
        Map.Entry<String, Double> worstFetch = fetched.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(Map.entry("none", 0.0));
        report.figure(phase + ".fetch-lag-max-records", "worst consumer fetch lag (log end minus fetch position), records ("
                + worstFetch.getKey() + ")", "records", worstFetch.getValue(), null);
        if (phase.equals("scheduled")) {
            // A record a rotation arrives on each topic at the offered rate, so a lag of n records is n / rate seconds.
            report.figure(phase + ".fetch-lag-max-seconds", "worst consumer fetch lag in time at the offered rate (records x 3600 / "
                    + options.perHour() + ")", "s", worstFetch.getValue() * 3600.0 / options.perHour(), BenchFigures.Aim.below(1));
        }
        System.out.printf("  consumer lag per group (worst of the samples, from committed offsets):%n");
        groups.forEach((group, worst) -> System.out.printf("    %-60s %8d records %8.2f s%n", group, worst.maxRecords(), worst.maxSeconds()));
        double seconds = groups.values().stream().mapToDouble(LagSampler.GroupLag::maxSeconds).max().orElse(0);
        long records = groups.values().stream().mapToLong(LagSampler.GroupLag::maxRecords).max().orElse(0);
        String worstGroup = groups.entrySet().stream().max(Map.Entry.comparingByValue(
                java.util.Comparator.comparingDouble(LagSampler.GroupLag::maxSeconds))).map(Map.Entry::getKey).orElse("none");
        report.figure(phase + ".lag-max-seconds", "worst consumer lag of any group by committed offsets, seconds behind (" + worstGroup + ")", "s", seconds,
                null);
        report.figure(phase + ".lag-max-records", "worst consumer lag of any group by committed offsets, records behind", "records", records, null);
    }

    private void reportCalls(String phase, List<RecordedExchange> calls, int rotations) {
        Map<String, Long> byEndpoint = calls.stream().collect(Collectors.groupingBy(
                c -> c.method() + " " + c.path().replaceAll("/\\d+", "/{id}"), TreeMap::new, Collectors.counting()));
        System.out.printf("  GitHub calls by endpoint:%n");
        byEndpoint.forEach((endpoint, count) -> System.out.printf("    %-55s %8d%n", endpoint, count));
        long limited = calls.stream().filter(c -> c.status() == 403 || c.status() == 429).count();
        report.figure(phase + ".github-calls-per-rotation", "GitHub calls per rotation (all calls over rotations finished)", "calls",
                rotations == 0 ? 0 : (double) calls.size() / rotations, null);
        report.figure(phase + ".github-403-429", "403 and 429 answers from the simulator", "answers", limited, BenchFigures.Aim.below(1));
    }

    /** Delays of one phase's rotations, from the Kafka timestamps of their first rotation.due and their token.rotated. */
    private record Delays(List<Long> sortedMillis, long firstDueAt, long lastRotatedAt, int missing) {
        static Delays of(List<TopicTail.Rotation> rotations) {
            List<Long> delays = new ArrayList<>();
            long first = Long.MAX_VALUE;
            long last = 0;
            int missing = 0;
            for (TopicTail.Rotation r : rotations) {
                first = Math.min(first, r.dueAt);
                if (r.rotatedAt > 0) {
                    delays.add(r.rotatedAt - r.dueAt);
                    last = Math.max(last, r.rotatedAt);
                } else {
                    missing++;
                }
            }
            delays.sort(null);
            return new Delays(delays, first, last, missing);
        }

        int rotated() {
            return sortedMillis.size();
        }

        double percentile(double p) {
            return sortedMillis.isEmpty() ? 0 : sortedMillis.get((int) Math.min(sortedMillis.size() - 1, Math.ceil(p * sortedMillis.size()) - 1));
        }

        double perSecond() {
            return sortedMillis.isEmpty() ? 0 : sortedMillis.size() / Math.max(0.001, (lastRotatedAt - firstDueAt) / 1000.0);
        }
    }

}
