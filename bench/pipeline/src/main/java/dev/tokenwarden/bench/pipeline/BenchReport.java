package dev.tokenwarden.bench.pipeline;

import dev.tokenwarden.bench.BenchFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The figures and notes of one run: printed as they come, written as {@code PipelineBench-<run>.json}, the name bench/run's
 * report reads for its runs 1, 2, 3 (a name with a dash, as a standalone run's timestamp has, stays out of the report).
 */
final class BenchReport {
    private final String run;
    private final BenchFigures figures = new BenchFigures("PipelineBench");

    BenchReport(String run) {
        this.run = run;
    }

    void note(String note) {
        figures.note(note);
        System.out.println("note: " + note);
    }

    /** {@code id} starts with its phase ({@code scheduled.}, {@code emergency.}, ...), which the label names for the report. */
    void figure(String id, String label, String unit, double value, BenchFigures.Aim aim) {
        figures.add(id, id.substring(0, id.indexOf('.')) + ": " + label, unit, value, aim);
        System.out.printf("  %-40s %12.2f %-10s %s%s%n", id, value, unit, label,
                aim == null ? "" : " (aim %s %s: %s)".formatted(aim.op(), aim.value(), met(aim, value) ? "met" : "MISSED"));
    }

    private static boolean met(BenchFigures.Aim aim, double figure) {
        return aim.op().equals("<") ? figure < aim.value() : figure > aim.value();
    }

    Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("PipelineBench-" + run + ".json");
        Files.writeString(file, figures.toJson() + "\n");
        return file;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
