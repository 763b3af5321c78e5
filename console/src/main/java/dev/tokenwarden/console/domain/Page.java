package dev.tokenwarden.console.domain;

import java.util.List;

/** One page of a longer list: pages are numbered from 1, {@code total} counts every match. */
public record Page<T>(List<T> items, int number, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean hasNext() {
        return number < pages();
    }

    public int previous() {
        return number - 1;
    }

    public int next() {
        return number + 1;
    }

    /** The first item's position (1-based) for "21 to 40 of 1,000"; 0 when empty. */
    public long from() {
        return items.isEmpty() ? 0 : (long) (number - 1) * size + 1;
    }

    public long to() {
        return from() == 0 ? 0 : from() + items.size() - 1;
    }

    /** Collects the window of {@code number} while counting every match; callers stream in a stable order. */
    static final class Collector<T> {
        private final int number;
        private final int size;
        private final long skip;
        private final java.util.ArrayList<T> items = new java.util.ArrayList<>();
        private long total;

        Collector(int number, int size) {
            this.number = Math.max(1, number);
            this.size = size;
            this.skip = (long) (this.number - 1) * size;
        }

        void offer(T item) {
            if (total >= skip && items.size() < size) {
                items.add(item);
            }
            total++;
        }

        Page<T> page() {
            return new Page<>(items, number, size, total);
        }
    }
}
