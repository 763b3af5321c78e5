package dev.tokenwarden.localstack;

import java.io.PrintStream;

/** Prefixed, coloured output in the manner of {@code docker compose}: one colour per process. */
final class Console {
    private static final String[] COLOURS = {"\u001b[36m", "\u001b[33m", "\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[96m", "\u001b[93m"};
    private static final String RESET = "\u001b[0m";
    private static final String BOLD_RED = "\u001b[1;31m";

    private final PrintStream out;
    private final boolean colour;
    private int nextColour;

    Console(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    /** A printer for one process's lines, padded so the columns line up. */
    synchronized LinePrinter printerFor(String name) {
        String paint = COLOURS[nextColour++ % COLOURS.length];
        String label = String.format("%-18s|", name);
        String prefix = colour ? paint + label + RESET + " " : label + " ";
        return line -> {
            synchronized (this) {
                out.println(prefix + line);
            }
        };
    }

    synchronized void banner(String text) {
        String line = "=".repeat(Math.min(100, text.length() + 8));
        out.println(colour ? BOLD_RED + line + RESET : line);
        out.println(colour ? BOLD_RED + "=== " + text + " ===" + RESET : "=== " + text + " ===");
        out.println(colour ? BOLD_RED + line + RESET : line);
    }

    synchronized void info(String text) {
        out.println(text);
    }

    @FunctionalInterface
    interface LinePrinter {
        void println(String line);
    }
}
