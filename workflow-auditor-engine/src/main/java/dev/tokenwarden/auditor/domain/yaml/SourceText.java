package dev.tokenwarden.auditor.domain.yaml;

import java.util.List;

/** The decoded text of one file, split into lines for snippets and positions inside scalars. */
public final class SourceText {

    private static final int MAX_SNIPPET = 240;

    private final String path;
    private final List<String> lines;

    public SourceText(String path, String text) {
        this.path = path;
        this.lines = text.lines().toList();
    }

    public String path() {
        return path;
    }

    public List<String> lines() {
        return lines;
    }

    /** The trimmed source line, cut to a readable length; empty past the end of the file. */
    public String snippet(int line) {
        if (line < 1 || line > lines.size()) {
            return "";
        }
        String text = lines.get(line - 1).strip();
        return text.length() > MAX_SNIPPET ? text.substring(0, MAX_SNIPPET) + "…" : text;
    }

    /**
     * Where character {@code offset} of a scalar's value sits in the file. Exact for literal blocks and
     * single-line scalars without escapes; otherwise the scalar's own start, which is still the right line
     * for the finding's key.
     */
    public Position positionOf(YamlScalar scalar, int offset) {
        String value = scalar.value();
        Position start = scalar.position();
        int lineInValue = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                lineInValue++;
                lineStart = i + 1;
            }
        }
        int columnInLine = offset - lineStart;
        return switch (scalar.style()) {
            case LITERAL -> literalPosition(start, lineInValue, columnInLine);
            case PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED -> lineInValue == 0
                    ? new Position(start.line(), start.column() + columnInLine + (scalar.style() == YamlScalar.Style.PLAIN ? 0 : 1))
                    : start;
            case FOLDED -> start;
        };
    }

    private Position literalPosition(Position indicator, int lineInValue, int columnInLine) {
        int firstContentLine = indicator.line() + 1;
        int indent = 0;
        for (int l = firstContentLine; l <= lines.size(); l++) {
            String text = lines.get(l - 1);
            if (!text.isBlank()) {
                indent = text.length() - text.stripLeading().length();
                break;
            }
        }
        int line = firstContentLine + lineInValue;
        return line > lines.size() ? indicator : new Position(line, indent + columnInLine + 1);
    }
}
