package dev.tokenwarden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Aggregates the raw figure files of every run ({@code raw/<bench>-<run>.json}, written by {@link BenchFigures} or
 * the scripts) into {@code latest.json} and {@code latest.md}: the machine, the versions, and per figure the median
 * and spread over the runs, with its aim met or missed and by how much. {@code bench/run} calls it last.
 *
 * <p>Usage: {@code BenchSummary RESULTS_DIR BENCH...}. {@code RESULTS_DIR/raw/context.properties} holds what the
 * runner knew (commit, load at the start, tool versions); {@code RESULTS_DIR/raw/failures.txt} the runs that failed.
 */
public final class BenchSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchSummary() {
    }

    /** One figure over every run that reported it. */
    record Aggregate(String id, String label, String unit, double[] values, JsonNode aim) {
        double median() {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        double min() {
            return Arrays.stream(values).min().orElseThrow();
        }

        double max() {
            return Arrays.stream(values).max().orElseThrow();
        }

        /** "met", "missed by N unit (P %)", or "" without an aim; judged on the median. */
        String verdict() {
            if (aim == null) {
                return "";
            }
            double target = aim.get("value").asDouble();
            boolean below = "<".equals(aim.get("op").asText());
            double median = median();
            if (below ? median < target : median > target) {
                return "met";
            }
            double gap = Math.abs(median - target);
            return "missed by " + format(gap) + " " + unit + (target == 0 ? "" : " (" + format(100 * gap / Math.abs(target)) + " %)");
        }
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        List<String> benches = List.of(args).subList(1, args.length);
        Path raw = results.resolve("raw");
        Properties context = new Properties();
        Path contextFile = raw.resolve("context.properties");
        if (Files.exists(contextFile)) {
            context.load(new StringReader(Files.readString(contextFile)));
        }
        List<String> failures = Files.exists(raw.resolve("failures.txt")) ? Files.readAllLines(raw.resolve("failures.txt")) : List.of();

        ObjectNode report = JSON.createObjectNode();
        report.put("generated", Instant.now().toString());
        ObjectNode machine = report.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", memTotalKib() / 1024);
        machine.put("loadAverageStart", context.getProperty("load.start", "?"));
        machine.put("loadAverageEnd", loadAverage());
        machine.put("os", osName());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        ObjectNode versions = report.putObject("versions");
        versions.put("commit", context.getProperty("commit", "?"));
        versions.put("quarkus", jarVersion("quarkus-core"));
        versions.put("kafka", jarVersion("kafka-clients"));
        versions.put("openbao", context.getProperty("openbao", "not installed"));
        versions.put("zizmor", context.getProperty("zizmor", "not installed"));
        report.put("runsPerBench", context.getProperty("runs", "?"));
        report.put("quick", Boolean.parseBoolean(context.getProperty("quick", "false")));
        ObjectNode added = report.putObject("added");
        context.stringPropertyNames().stream().filter(key -> key.startsWith("added.")).sorted()
                .forEach(key -> added.put(key.substring("added.".length()), context.getProperty(key)));

        ArrayNode benchReports = report.putArray("benches");
        for (String bench : benches) {
            benchReports.add(benchReport(bench, raw, failures));
        }
        Files.writeString(results.resolve("latest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
        Files.writeString(results.resolve("latest.md"), markdown(report));
        System.out.println("report: " + results.resolve("latest.md") + " and " + results.resolve("latest.json"));
    }

    static ObjectNode benchReport(String bench, Path raw, List<String> failures) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        Pattern runFile = Pattern.compile(Pattern.quote(bench) + "-[^-]+\\.json");
        try (Stream<Path> files = Files.list(raw)) {
            for (Path file : files.filter(f -> runFile.matcher(f.getFileName().toString()).matches()).sorted().toList()) {
                runs.add(JSON.readTree(file.toFile()));
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("bench", bench);
        node.put("runs", runs.size());
        ArrayNode figures = node.putArray("figures");
        for (Aggregate aggregate : aggregate(runs)) {
            ObjectNode figure = figures.addObject();
            figure.put("id", aggregate.id());
            figure.put("label", aggregate.label());
            figure.put("unit", aggregate.unit());
            figure.put("median", aggregate.median());
            figure.put("min", aggregate.min());
            figure.put("max", aggregate.max());
            ArrayNode values = figure.putArray("values");
            Arrays.stream(aggregate.values()).forEach(values::add);
            if (aggregate.aim() != null) {
                figure.set("aim", aggregate.aim());
                figure.put("verdict", aggregate.verdict());
            }
        }
        ArrayNode notes = node.putArray("notes");
        runs.stream().flatMap(run -> stream(run.path("notes"))).map(JsonNode::asText).distinct().forEach(notes::add);
        ArrayNode failed = node.putArray("failures");
        failures.stream().filter(line -> line.startsWith(bench + " ")).forEach(failed::add);
        return node;
    }

    /** Each figure id in the order first reported, with its value from every run that has it. */
    static List<Aggregate> aggregate(List<JsonNode> runs) {
        Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            stream(run.path("figures")).forEach(figure -> byId.computeIfAbsent(figure.get("id").asText(), id -> new ArrayList<>()).add(figure));
        }
        return byId.values().stream().map(seen -> {
            JsonNode first = seen.get(0);
            return new Aggregate(first.get("id").asText(), first.path("label").asText(), first.path("unit").asText(),
                    seen.stream().mapToDouble(f -> f.get("value").asDouble()).toArray(), first.get("aim"));
        }).toList();
    }

    private static String markdown(ObjectNode report) {
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        JsonNode machine = report.get("machine");
        JsonNode versions = report.get("versions");
        md.append("Generated ").append(report.get("generated").asText()).append(" by `bench/run`")
                .append(report.get("quick").asBoolean() ? " --quick (a smoke run: smaller sizes, not figures to quote)" : "")
                .append("; ").append(report.get("runsPerBench").asText()).append(" runs per bench.\n\n");
        md.append("- Machine: ").append(machine.get("cores").asInt()).append(" cores, ").append(machine.get("memoryMiB").asLong())
                .append(" MiB memory, ").append(machine.get("os").asText()).append("\n");
        md.append("- Load average (1, 5, 15 min): ").append(machine.get("loadAverageStart").asText()).append(" at the start, ")
                .append(machine.get("loadAverageEnd").asText()).append(" at the end\n");
        md.append("- JDK: ").append(machine.get("jdk").asText()).append("\n");
        md.append("- Versions: commit ").append(versions.get("commit").asText()).append(", Quarkus ").append(versions.get("quarkus").asText())
                .append(", Kafka ").append(versions.get("kafka").asText()).append(", OpenBao ").append(versions.get("openbao").asText())
                .append(", zizmor ").append(versions.get("zizmor").asText()).append("\n");
        report.get("added").properties().forEach(bench -> md.append("- Added later (`bench/run --add`): ").append(bench.getKey())
                .append(", ").append(bench.getValue().asText()).append("\n"));
        for (JsonNode bench : report.get("benches")) {
            md.append("\n## ").append(bench.get("bench").asText()).append("\n\n");
            for (JsonNode failure : bench.get("failures")) {
                md.append("- FAILED: ").append(failure.asText()).append("\n");
            }
            if (bench.get("figures").isEmpty()) {
                md.append("No figures (").append(bench.get("runs").asInt()).append(" result files).\n");
                continue;
            }
            md.append("| figure | median | min–max | runs | aim | result |\n|---|---:|---:|---:|---|---|\n");
            for (JsonNode figure : bench.get("figures")) {
                String unit = figure.get("unit").asText();
                JsonNode aim = figure.get("aim");
                md.append("| ").append(figure.get("label").asText()).append(" | ").append(format(figure.get("median").asDouble())).append(' ')
                        .append(unit).append(" | ").append(format(figure.get("min").asDouble())).append("–")
                        .append(format(figure.get("max").asDouble())).append(" | ").append(figure.get("values").size()).append(" | ")
                        .append(aim == null ? "" : aim.get("op").asText() + " " + format(aim.get("value").asDouble()) + " " + unit).append(" | ")
                        .append(figure.path("verdict").asText()).append(" |\n");
            }
            for (JsonNode note : bench.get("notes")) {
                md.append("\n- ").append(note.asText());
            }
            md.append(bench.get("notes").isEmpty() ? "" : "\n");
        }
        return md.toString();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 || value == Math.rint(value) ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static long memTotalKib() throws IOException {
        return procField("/proc/meminfo", "MemTotal:\\s+(\\d+)").map(Long::parseLong).orElse(0L);
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).split(" "), 3)) : "?";
    }

    private static String osName() throws IOException {
        String pretty = procField("/etc/os-release", "PRETTY_NAME=\"?([^\"\\n]+)").orElse(System.getProperty("os.name"));
        return pretty + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    private static java.util.Optional<String> procField(String file, String regex) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            return java.util.Optional.empty();
        }
        Matcher matcher = Pattern.compile(regex).matcher(Files.readString(path));
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    /** The version in the file name of a jar on this class path ({@code kafka-clients-4.1.1.jar}). */
    private static String jarVersion(String artifact) {
        Matcher matcher = Pattern.compile("(?:^|[/\\\\])" + Pattern.quote(artifact) + "-(\\d[^/\\\\]*?)\\.jar").matcher(System.getProperty("java.class.path"));
        return matcher.find() ? matcher.group(1) : "?";
    }
}
