package dev.tokenwarden.auditor.domain.yaml;

import java.util.Optional;

/** Input that cannot be audited: too big, not text, not YAML, or not a workflow. Message is for users. */
public class YamlInputException extends Exception {

    private final transient Position position;

    public YamlInputException(String message, Position position) {
        super(message);
        this.position = position;
    }

    public YamlInputException(String message) {
        this(message, null);
    }

    public Optional<Position> position() {
        return Optional.ofNullable(position);
    }
}
