package dev.tokenwarden.auditor.domain.finding;

import java.util.Locale;
import java.util.Optional;

/** How sure a rule is that the finding is real, as opposed to how bad it would be. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Confidence> parse(String text) {
        for (Confidence c : values()) {
            if (c.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
