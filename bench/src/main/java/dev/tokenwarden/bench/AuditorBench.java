package dev.tokenwarden.bench;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.InputFile;
import dev.tokenwarden.auditor.domain.finding.Finding;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * In-process throughput of the workflow-auditor engine, warm: the generated corpus (at least 1,000
 * workflows in repositories) and the single generated repository, each scanned as the CLI scans them (one
 * {@code Engine.scan} over every file, findings sorted). Prints figures; asserts nothing.
 *
 * <p>Usage: {@code AuditorBench [DIR]} (default {@code bench/target/auditor}); the corpus is generated
 * there by {@link WorkflowCorpus} when {@code DIR/corpus} does not exist.
 */
public final class AuditorBench {
    private static final int WARM_UP_SCANS = 8;
    private static final int MEASURED_SCANS = 10;

    private AuditorBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/auditor");
        if (!Files.isDirectory(dir.resolve("corpus"))) {
            WorkflowCorpus.main(new String[] {dir.toString()});
        }
        List<InputFile> corpus = read(dir.resolve("corpus"));
        List<InputFile> repository = read(dir.resolve("repository"));
        Engine engine = new Engine(RuleCatalogue.standard(), AuditConfig.defaults());

        long firstStart = System.nanoTime();
        ScanResult first = engine.scan(repository);
        long firstScanNanos = System.nanoTime() - firstStart;

        for (int i = 0; i < WARM_UP_SCANS; i++) {
            engine.scan(corpus);
            engine.scan(repository);
        }
        System.out.println("engine in process, warm (" + WARM_UP_SCANS + " warm-up scans, best of " + MEASURED_SCANS
                + "); times are CPU time of the benchmark thread, wall-clock in brackets");
        System.out.printf("%-12s %6s %9s %22s %22s %10s%n", "input", "files", "findings", "scan ms", "files/s", "errors");
        Measured corpusRun = measure(engine, corpus);
        print("corpus", corpus, corpusRun);
        Measured repositoryRun = measure(engine, repository);
        print("repository", repository, repositoryRun);
        System.out.printf("first scan in a fresh JVM (repository, cold engine): %.1f ms wall, %d files%n", firstScanNanos / 1e6,
                first.filesScanned());
        System.out.println("corpus findings by rule: " + byRule(corpusRun.result()));
        new BenchFigures("AuditorBench")
                .add("corpus.files-per-cpu-s", "engine warm, corpus of " + corpus.size() + " files, per CPU second", "files/s",
                        corpus.size() / (corpusRun.cpuNanos() / 1e9))
                .add("corpus.files-per-s", "engine warm, corpus of " + corpus.size() + " files, per wall second", "files/s",
                        corpus.size() / (corpusRun.wallNanos() / 1e9))
                .add("repository.scan", "engine warm, repository of " + repository.size() + " files (CPU)", "ms", repositoryRun.cpuNanos() / 1e6)
                .add("first-scan", "first scan of the repository in a fresh JVM (wall)", "ms", firstScanNanos / 1e6)
                .note("best of " + MEASURED_SCANS + " scans after " + WARM_UP_SCANS + " warm-up scans")
                .write();
    }

    private record Measured(ScanResult result, long cpuNanos, long wallNanos) {
    }

    private static Measured measure(Engine engine, List<InputFile> files) {
        ScanResult result = null;
        long bestCpu = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        for (int i = 0; i < MEASURED_SCANS; i++) {
            long cpu = cpu();
            long wall = System.nanoTime();
            result = engine.scan(files);
            bestWall = Math.min(bestWall, System.nanoTime() - wall);
            bestCpu = Math.min(bestCpu, cpu() - cpu);
        }
        return new Measured(result, bestCpu, bestWall);
    }

    private static void print(String name, List<InputFile> files, Measured run) {
        System.out.printf("%-12s %6d %9d %22s %22s %10d%n", name, files.size(), run.result().findings().size(),
                "%.2f [%.2f]".formatted(run.cpuNanos() / 1e6, run.wallNanos() / 1e6),
                "%.0f [%.0f]".formatted(files.size() / (run.cpuNanos() / 1e9), files.size() / (run.wallNanos() / 1e9)),
                run.result().errors().size());
    }

    private static Map<String, Long> byRule(ScanResult result) {
        return result.findings().stream().collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.counting()));
    }

    /** Every workflow and action file under the folder, named relative to it, in a stable order. */
    private static List<InputFile> read(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".yml")).sorted().map(p -> {
                try {
                    return new InputFile(root.relativize(p).toString(), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
