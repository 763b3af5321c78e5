package dev.tokenwarden.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One bar of an inline SVG chart drawn in a {@value #WIDTH}-unit wide view box: the label on the left, the bar
 * scaled to the largest count, the count after it.
 */
public record Bar(String label, int count, int y, int x, int width, String css) {
    static final int WIDTH = 400;
    static final int ROW = 22;

    static <K> List<Bar> of(Map<K, Integer> counts, Function<K, String> label, Function<K, String> css, int labelWidth) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int room = WIDTH - labelWidth - 50;
        List<Bar> bars = new ArrayList<>();
        counts.forEach((key, count) -> bars.add(new Bar(label.apply(key), count, bars.size() * ROW, labelWidth,
                max == 0 || count == 0 ? 0 : Math.max(2, count * room / max), css.apply(key))));
        return bars;
    }

    /** The view box height for {@code bars}. */
    static int height(List<Bar> bars) {
        return Math.max(ROW, bars.size() * ROW);
    }

    public int textY() {
        return y + 15;
    }

    public int barY() {
        return y + 4;
    }

    public int countX() {
        return x + width + 6;
    }
}
