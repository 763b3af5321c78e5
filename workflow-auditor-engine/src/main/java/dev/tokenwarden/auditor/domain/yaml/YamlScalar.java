package dev.tokenwarden.auditor.domain.yaml;

/**
 * A scalar as written. {@code value} is the text after YAML unescaping; {@code style} tells how it was
 * written, which matters for rules (a folded {@code if:} gains a trailing newline) and for positions
 * inside multi-line scalars.
 */
public record YamlScalar(String value, Style style, boolean isNull, Position position) implements YamlNode {

    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    @Override
    public String shape() {
        return "scalar";
    }
}
