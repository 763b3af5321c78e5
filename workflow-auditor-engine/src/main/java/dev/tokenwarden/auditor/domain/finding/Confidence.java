package dev.tokenwarden.auditor.domain.finding;

import java.util.Optional;

/** How sure a rule is that the finding is real, as opposed to how bad it would be. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Optional<Confidence> parse(String text) {
        return Labels.parse(Confidence.class, text);
    }
}
