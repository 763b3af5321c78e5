package dev.tokenwarden.platform.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credential-shaped substrings: GitHub tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_}, including
 * the long JWT-style {@code ghs_} form) and Vault tokens ({@code hvs. hvb. hvr.} and the legacy {@code s.}).
 * The prefix stays, so a reader still sees which kind of credential was there. Plain Java: the log filter,
 * problem responses and the notifier's incident texts all use it.
 */
public final class Redactor {
    public static final String MASK = "[redacted]";

    /**
     * One alternative per family; the group of the one that matched is the prefix that is kept. Character
     * classes are wider than GitHub's documented alphabets on purpose: a second line of defence must rather
     * mask too much than let a new token format through. The short legacy Vault form needs word boundaries.
     */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(github_pat_)[A-Za-z0-9_]{22,}"
                    + "|(gh[pousr]_)[A-Za-z0-9._]{36,}"
                    + "|(hv[sbr]\\.)[A-Za-z0-9_-]{20,}"
                    + "|(?<![A-Za-z0-9_.])(s\\.)[A-Za-z0-9]{24}(?![A-Za-z0-9])");

    private Redactor() {
    }

    /** {@code text} with every credential-shaped substring masked; {@code null} stays {@code null}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = CREDENTIAL.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(redacted, Matcher.quoteReplacement(prefix(matcher) + MASK));
        } while (matcher.find());
        matcher.appendTail(redacted);
        return redacted.toString();
    }

    private static String prefix(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
                return matcher.group(group);
            }
        }
        throw new IllegalStateException("every alternative captures its prefix");
    }

    public static boolean containsCredential(String text) {
        return text != null && CREDENTIAL.matcher(text).find();
    }
}
