package dev.tokenwarden.broker.domain;

import java.util.regex.Pattern;

/**
 * Second line of defence for text that leaves the broker (failure reasons, problem details): anything
 * shaped like a GitHub token is replaced. The first line is that no code puts a value in such text.
 */
public final class TokenShapes {
    private static final Pattern TOKEN = Pattern.compile("(?:gh[pousr]_[A-Za-z0-9._]{20,}|github_pat_[A-Za-z0-9_]{20,})");

    private TokenShapes() {
    }

    public static String redact(String text) {
        return text == null ? null : TOKEN.matcher(text).replaceAll("[redacted]");
    }
}
