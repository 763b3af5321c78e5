package dev.tokenwarden.sandbox.vault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Vault's duration fields: a number of seconds, or a Go-style string such as {@code 1h30m} or {@code 15s}. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms]?)");

    private Durations() {
    }

    static long seconds(JsonNode value, long fallback) {
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        String text = value.asText().trim();
        Matcher matcher = PART.matcher(text);
        long total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total += switch (matcher.group(2)) {
                case "d" -> amount * 86_400;
                case "h" -> amount * 3_600;
                case "m" -> amount * 60;
                default -> amount;
            };
            end = matcher.end();
        }
        if (end != text.length()) {
            throw VaultError.of(400, "invalid duration: " + text);
        }
        return total;
    }
}
