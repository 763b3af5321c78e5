package dev.tokenwarden.auditor.domain.finding;

/** A file that could not be audited, and why; {@code line} and {@code column} are 0 when unknown. */
public record ScanError(String file, String message, int line, int column) {
}
