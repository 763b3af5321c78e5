package dev.tokenwarden.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run's figures, written as {@code bench/results/raw/<bench>-<run>.json} in the shape that
 * {@code bench/run} aggregates (see bench/README.md): the run number comes from {@code BENCH_RUN} (default 1), the
 * results folder from {@code BENCH_RESULTS} (default {@code bench/results}). The printed tables stay as they were;
 * this is their machine-readable twin.
 */
public final class BenchFigures {
    /** An aim a figure should meet: {@code op} is {@code "<"} or {@code ">"}. */
    public record Aim(String op, double value) {
        public static Aim below(double value) {
            return new Aim("<", value);
        }

        public static Aim above(double value) {
            return new Aim(">", value);
        }
    }

    private record Figure(String id, String label, String unit, double value, Aim aim) {
    }

    private final String bench;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchFigures(String bench) {
        this.bench = bench;
    }

    /** True when {@code bench/run --quick} asked for a short smoke run: benches shrink their sizes. */
    public static boolean quick() {
        return "1".equals(System.getenv("BENCH_QUICK"));
    }

    public BenchFigures add(String id, String label, String unit, double value) {
        return add(id, label, unit, value, null);
    }

    public BenchFigures add(String id, String label, String unit, double value, Aim aim) {
        figures.add(new Figure(id, label, unit, value, aim));
        return this;
    }

    public BenchFigures note(String note) {
        notes.add(note);
        return this;
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"bench\":").append(quote(bench)).append(",\"figures\":[");
        for (int i = 0; i < figures.size(); i++) {
            Figure figure = figures.get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(quote(figure.id())).append(",\"label\":").append(quote(figure.label()))
                    .append(",\"unit\":").append(quote(figure.unit())).append(",\"value\":").append(number(figure.value()));
            if (figure.aim() != null) {
                json.append(",\"aim\":{\"op\":").append(quote(figure.aim().op())).append(",\"value\":").append(number(figure.aim().value()))
                        .append('}');
            }
            json.append('}');
        }
        json.append("],\"notes\":[");
        for (int i = 0; i < notes.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(notes.get(i)));
        }
        return json.append("]}").toString();
    }

    /** Writes the run's file and says where. */
    public Path write() {
        String run = System.getenv().getOrDefault("BENCH_RUN", "1");
        Path file = Path.of(System.getenv().getOrDefault("BENCH_RESULTS", "bench/results"), "raw", bench + "-" + run + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("figures written to " + file);
        return file;
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a figure must be a finite number, not " + value);
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
