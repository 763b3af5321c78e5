package dev.tokenwarden.scheduler.domain;

/** One thing wrong with an inventory entry: which entry (its id, or its position when it has none), which field, what. */
public record Violation(String entry, String field, String message) {
    @Override
    public String toString() {
        return "entry '" + entry + "' field '" + field + "': " + message;
    }
}
