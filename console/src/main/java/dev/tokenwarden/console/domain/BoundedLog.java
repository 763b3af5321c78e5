package dev.tokenwarden.console.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The most recent {@code capacity} items, newest first, each kept once by its key: what the console shows of
 * an unbounded stream (deliveries, operator actions) without holding the stream.
 */
public final class BoundedLog<T> {
    private final int capacity;
    private final Function<T, String> key;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final Set<String> keys = new HashSet<>();

    public BoundedLog(int capacity, Function<T, String> key) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more");
        }
        this.capacity = capacity;
        this.key = key;
    }

    /** False when an item with the same key is already held (a redelivery). */
    public synchronized boolean add(T item) {
        if (!keys.add(key.apply(item))) {
            return false;
        }
        items.addFirst(item);
        if (items.size() > capacity) {
            keys.remove(key.apply(items.removeLast()));
        }
        return true;
    }

    public synchronized Page<T> page(Predicate<T> filter, int number, int size) {
        Page.Collector<T> collector = new Page.Collector<>(number, size);
        items.stream().filter(filter).forEach(collector::offer);
        return collector.page();
    }

    public synchronized List<T> matching(Predicate<T> filter) {
        return new ArrayList<>(items.stream().filter(filter).toList());
    }

    public synchronized int size() {
        return items.size();
    }
}
