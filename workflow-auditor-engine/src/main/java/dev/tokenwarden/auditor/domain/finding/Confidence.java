package dev.tokenwarden.auditor.domain.finding;

import java.util.Locale;

/** How sure a rule is that the finding is real, as opposed to how bad it would be. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
