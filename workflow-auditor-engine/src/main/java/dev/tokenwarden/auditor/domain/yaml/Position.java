package dev.tokenwarden.auditor.domain.yaml;

/** A place in a source file; line and column both start at 1, as editors and SARIF count them. */
public record Position(int line, int column) {

    public static final Position START = new Position(1, 1);

    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
        }
    }
}
