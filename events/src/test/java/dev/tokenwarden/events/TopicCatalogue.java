package dev.tokenwarden.events;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/** The topic names {@link Topics} declares, read from its constants so a new topic cannot be forgotten by a test. */
final class TopicCatalogue {
    private TopicCatalogue() {
    }

    static List<String> all() {
        return Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("PREFIX"))
                .map(TopicCatalogue::value)
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
