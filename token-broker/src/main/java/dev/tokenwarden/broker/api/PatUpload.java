package dev.tokenwarden.broker.api;

/** The body of {@code PUT /credentials/{id}/value}: the new PAT. It prints without the value. */
public record PatUpload(String value) {
    @Override
    public String toString() {
        return "PatUpload[value=<redacted>]";
    }
}
