package dev.tokenwarden.notifier.infra;

import java.util.regex.Pattern;

/**
 * Masks GitHub token shapes in incident text before it leaves the notifier. The platform's shared redactor
 * is not on main yet; this is the notifier's stand-in, to be replaced by it (one call) when it lands.
 */
final class IncidentTextMasking {
    static final String MASK = "[redacted]";
    private static final Pattern TOKEN = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9._]{36,}|github_pat_[A-Za-z0-9_]{36,})");

    private IncidentTextMasking() {
    }

    static String mask(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll(MASK);
    }
}
