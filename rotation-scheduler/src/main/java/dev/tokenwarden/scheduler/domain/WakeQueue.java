package dev.tokenwarden.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The schedule's credentials ordered by wake instant, then id: a four-ary heap over parallel arrays.
 *
 * <p>Why not a {@code TreeSet}: a pass where everything is due takes every credential out and puts it back
 * with a later wake instant, and rebalancing a red-black tree of 100,000 scattered nodes was most of that
 * pass's cost. Here the comparison reads a {@code long} from a compact array, the four children of a slot
 * share a cache line or two (half the depth of a binary heap), and an instant later than everything queued
 * settles in a leaf after a comparison or two.
 *
 * <p>Removal is lazy: it bumps the credential's stamp, which makes its heap slot stale; stale slots are
 * skipped at the top and dropped when they outnumber the live ones. Not thread-safe: the schedule serialises access.
 */
final class WakeQueue {
    private static final Comparator<Schedule.Tracked> BY_WAKE = Comparator.<Schedule.Tracked, Instant>comparing(t -> t.wakeAt)
            .thenComparing(t -> t.id);
    /** Seconds past which an instant's nanoseconds no longer fit a long (year 2262): such keys saturate, ordered then by id. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;

    private long[] keys = new long[64];
    private Schedule.Tracked[] items = new Schedule.Tracked[64];
    private int[] stamps = new int[64];
    private int slots;
    private int live;

    /** Queues {@code t} at its {@code wakeAt}, which must be set; {@code t} must not be queued already. */
    void add(Schedule.Tracked t) {
        t.stamp++;
        if (slots == keys.length) {
            grow();
        }
        place(slots, key(t.wakeAt), t, t.stamp);
        siftUp(slots++);
        live++;
    }

    /** Takes {@code t}, which is queued, out of the queue. */
    void remove(Schedule.Tracked t) {
        t.stamp++;
        live--;
        if (slots > 2 * live + 64) {
            compact();
        }
    }

    /**
     * Takes out every credential whose wake instant is not after {@code now}, in order. All are taken before any
     * is put back: those put back share a few wake instants (a pass's deadlines), and taking the rest past them
     * would compare ids at every level.
     */
    List<Schedule.Tracked> pollDue(Instant now) {
        List<Schedule.Tracked> due = new ArrayList<>();
        for (dropStaleTop(); slots > 0 && !items[0].wakeAt.isAfter(now); dropStaleTop()) {
            Schedule.Tracked first = items[0];
            first.stamp++;
            live--;
            removeTop();
            due.add(first);
        }
        return due;
    }

    /** The queued credentials waking before {@code before}, in order, at most {@code limit}. */
    List<Schedule.Tracked> before(Instant before, int limit) {
        List<Schedule.Tracked> due = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            if (isLive(i) && items[i].wakeAt.isBefore(before)) {
                due.add(items[i]);
            }
        }
        due.sort(BY_WAKE);
        return due.size() <= limit ? due : due.subList(0, limit);
    }

    void clear() {
        Arrays.fill(items, 0, slots, null);
        slots = 0;
        live = 0;
    }

    int size() {
        return live;
    }

    private boolean isLive(int slot) {
        return stamps[slot] == items[slot].stamp;
    }

    private void dropStaleTop() {
        while (slots > 0 && !isLive(0)) {
            removeTop();
        }
    }

    private void removeTop() {
        slots--;
        if (slots > 0) {
            place(0, keys[slots], items[slots], stamps[slots]);
            items[slots] = null;
            siftDown(0);
        } else {
            items[0] = null;
        }
    }

    private void compact() {
        int kept = 0;
        for (int i = 0; i < slots; i++) {
            if (isLive(i)) {
                place(kept++, keys[i], items[i], stamps[i]);
            }
        }
        Arrays.fill(items, kept, slots, null);
        slots = kept;
        for (int i = (slots - 2) / 4; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftUp(int slot) {
        long key = keys[slot];
        Schedule.Tracked item = items[slot];
        int stamp = stamps[slot];
        while (slot > 0) {
            int parent = (slot - 1) >>> 2;
            if (!less(key, item, keys[parent], items[parent])) {
                break;
            }
            place(slot, keys[parent], items[parent], stamps[parent]);
            slot = parent;
        }
        place(slot, key, item, stamp);
    }

    private void siftDown(int slot) {
        long key = keys[slot];
        Schedule.Tracked item = items[slot];
        int stamp = stamps[slot];
        while (4 * slot + 1 < slots) {
            int first = 4 * slot + 1;
            int child = first;
            for (int sibling = first + 1; sibling < Math.min(first + 4, slots); sibling++) {
                if (less(keys[sibling], items[sibling], keys[child], items[child])) {
                    child = sibling;
                }
            }
            if (!less(keys[child], items[child], key, item)) {
                break;
            }
            place(slot, keys[child], items[child], stamps[child]);
            slot = child;
        }
        place(slot, key, item, stamp);
    }

    private static boolean less(long keyA, Schedule.Tracked a, long keyB, Schedule.Tracked b) {
        return keyA != keyB ? keyA < keyB : a.id.compareTo(b.id) < 0;
    }

    private void place(int slot, long key, Schedule.Tracked item, int stamp) {
        keys[slot] = key;
        items[slot] = item;
        stamps[slot] = stamp;
    }

    private void grow() {
        int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        items = Arrays.copyOf(items, capacity);
        stamps = Arrays.copyOf(stamps, capacity);
    }

    /** The instant in nanoseconds since the epoch, saturated outside years 1678 to 2262. */
    private static long key(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds > MAX_SECONDS) {
            return Long.MAX_VALUE;
        }
        if (seconds < -MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }
}
