package dev.tokenwarden.bench.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures and notes of one run: printed as they come, written as {@code pipeline-<run>.json} for bench/run's report. */
final class BenchReport {
    record Aim(String op, double value) {
        boolean met(double figure) {
            return op.equals("<") ? figure < value : figure > value;
        }
    }

    private record Figure(String id, String label, String unit, double value, Aim aim) {
    }

    private final String run;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    BenchReport(String run) {
        this.run = run;
    }

    void note(String note) {
        notes.add(note);
        System.out.println("note: " + note);
    }

    void figure(String id, String label, String unit, double value, Aim aim) {
        figures.add(new Figure(id, label, unit, value, aim));
        System.out.printf("  %-40s %12.2f %-10s %s%s%n", id, value, unit, label,
                aim == null ? "" : " (aim %s %s: %s)".formatted(aim.op(), aim.value(), aim.met(value) ? "met" : "MISSED"));
    }

    Path write(Path directory) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("bench", "pipeline");
        ArrayNode list = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode node = list.addObject().put("id", f.id()).put("label", f.label()).put("unit", f.unit()).put("value", f.value());
            if (f.aim() != null) {
                node.putObject("aim").put("op", f.aim().op()).put("value", f.aim().value());
            }
        }
        ArrayNode noteList = root.putArray("notes");
        notes.forEach(noteList::add);
        Files.createDirectories(directory);
        Path file = directory.resolve("pipeline-" + run + ".json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
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
