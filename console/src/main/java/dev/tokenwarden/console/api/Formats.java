package dev.tokenwarden.console.api;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages print times and numbers: {@code {fmt:when(at)}}, {@code {fmt:relative(at)}}, {@code {fmt:count(n)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String when(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    /** "in 3 d", "5 h ago": how far from now, in the largest whole unit. */
    static String relative(Instant at) {
        if (at == null) {
            return "—";
        }
        Duration delta = Duration.between(Instant.now(), at);
        Duration size = delta.abs();
        String amount = size.toDays() >= 2 ? size.toDays() + " d"
                : size.toHours() >= 2 ? size.toHours() + " h"
                : size.toMinutes() >= 1 ? size.toMinutes() + " min"
                : size.toSeconds() + " s";
        return delta.isNegative() ? amount + " ago" : "in " + amount;
    }

    static String count(Number n) {
        return String.format(Locale.ROOT, "%,d", n.longValue());
    }

    static String lower(Enum<?> value) {
        return value == null ? "—" : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
