package dev.tokenwarden.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable figures of one bench run, as the runner reads them:
 * {@code bench/results/raw/<bench>-<run>.json} with {@code {"bench", "figures": [{id, label, unit, value, aim?}], "notes"}}.
 * The directory is {@code -Dresults.dir} (default {@code bench/results/raw}), the run id {@code -Drun} (default the UTC time).
 */
final class RawFigures {
    private final String bench;
    private final List<Map<String, Object>> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    RawFigures(String bench) {
        this.bench = bench;
    }

    void add(String id, String label, String unit, double value) {
        figures.add(figure(id, label, unit, value));
    }

    /** A figure with an aim: {@code op} is "<" or ">" and says on which side of {@code aim} the value should be. */
    void add(String id, String label, String unit, double value, String op, double aim) {
        Map<String, Object> figure = figure(id, label, unit, value);
        figure.put("aim", Map.of("op", op, "value", aim));
        figures.add(figure);
    }

    void note(String note) {
        notes.add(note);
    }

    /** Writes the file and returns where it went. */
    Path write() {
        String run = System.getProperty("run", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path dir = Path.of(System.getProperty("results.dir", "bench/results/raw"));
        Path file = dir.resolve(bench + "-" + run + ".json");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("bench", bench);
        document.put("figures", figures);
        document.put("notes", notes);
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static Map<String, Object> figure(String id, String label, String unit, double value) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("id", id);
        figure.put("label", label);
        figure.put("unit", unit);
        figure.put("value", Math.round(value * 1000) / 1000.0);
        return figure;
    }
}
