package dev.tokenwarden.auditor.domain.config;

import java.util.Optional;

import dev.tokenwarden.auditor.domain.finding.Confidence;
import dev.tokenwarden.auditor.domain.finding.Labels;

/**
 * Who reads the report, which decides what it shows by default (zizmor's personas): {@code regular} keeps
 * the output quiet on real repositories, hiding low-confidence findings and the pedantic rules' findings;
 * {@code pedantic} adds the pedantic rules; {@code auditor} shows everything.
 */
public enum Persona {
    REGULAR(Confidence.MEDIUM, false),
    PEDANTIC(Confidence.MEDIUM, true),
    AUDITOR(Confidence.LOW, true);

    /** The lowest confidence shown when neither the command line nor the configuration sets one. */
    public final Confidence defaultMinConfidence;
    public final boolean showsPedanticRules;

    Persona(Confidence defaultMinConfidence, boolean showsPedanticRules) {
        this.defaultMinConfidence = defaultMinConfidence;
        this.showsPedanticRules = showsPedanticRules;
    }

    public String label() {
        return Labels.of(this);
    }

    public static Optional<Persona> parse(String text) {
        return Labels.parse(Persona.class, text);
    }
}
