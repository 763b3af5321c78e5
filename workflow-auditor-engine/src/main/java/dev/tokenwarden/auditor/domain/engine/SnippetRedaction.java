package dev.tokenwarden.auditor.domain.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings travel (events, SARIF uploads, logs), so a snippet must not carry a credential the workflow
 * itself leaks: GitHub token shapes are masked anywhere in the line, and the literal value of a key whose
 * name ends in password, token, secret or an API/private/access key is masked; {@code ${{ }}} references are
 * kept, they hold no value.
 */
final class SnippetRedaction {

    static final String MASK = "***";

    private static final Pattern TOKEN = Pattern.compile("(?:gh[pousr]_[A-Za-z0-9._]{20,}|github_pat_[A-Za-z0-9_]{20,})");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "^(\\s*-?\\s*[\"']?[A-Za-z0-9_.-]*(?i:password|passwd|token|secret|(?:api|private|secret|access)[_-]?key)[\"']?\\s*[:=]\\s*)(.+)$");

    private SnippetRedaction() {
    }

    static String redact(String line) {
        String masked = TOKEN.matcher(line).replaceAll(MASK);
        Matcher m = SECRET_VALUE.matcher(masked);
        if (m.matches() && !m.group(2).strip().startsWith("${{") && !m.group(2).strip().startsWith("#")) {
            return m.group(1) + MASK;
        }
        return masked;
    }
}
