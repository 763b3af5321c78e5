package dev.tokenwarden.auditor.domain.finding;

import java.util.Locale;
import java.util.Optional;

/** The lower-case names by which severities, confidences, personas and formats are written and read. */
public final class Labels {

    private Labels() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant named by {@code text}, ignoring case and surrounding blanks. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
