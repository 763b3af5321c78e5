package dev.tokenwarden.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The schedule's credentials ordered by wake instant, then by the id's hash, then id: a four-ary heap over
 * parallel arrays. (Credentials waking at the same instant are many: a pass gives all it emits one deadline.
 * Ordering them by hash, which the arrays hold, spares reading every id; the order stays the same on every
 * replica and after every restart.)
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
    /** The queue's order, for credentials out of it. */
    static final Comparator<Schedule.Tracked> ORDER = Comparator.<Schedule.Tracked, Instant>comparing(t -> t.wakeAt)
            .thenComparingInt(t -> t.idHash).thenComparing(t -> t.id);
    /** Seconds past which an instant's nanoseconds no longer fit a long (year 2262): such keys saturate, ordered then by hash and id. */
    private static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L - 1;
    /** Due credentials taken off the top one at a time before the rest are taken in one sweep. */
    private static final int ONE_BY_ONE = 256;

    private long[] keys = new long[64];
    private int[] hashes = new int[64];
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
        place(slots, key(t.wakeAt), t.idHash, t, t.stamp);
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
     * would compare hashes and ids at every level.
     */
    List<Schedule.Tracked> pollDue(Instant now) {
        List<Schedule.Tracked> due = new ArrayList<>();
        for (dropStaleTop(); slots > 0 && !items[0].wakeAt.isAfter(now); dropStaleTop()) {
            if (due.size() == ONE_BY_ONE) {
                takeAllDue(now, due);
                break;
            }
            Schedule.Tracked first = items[0];
            first.stamp++;
            live--;
            removeTop();
            due.add(first);
        }
        return due;
    }

    /**
     * Many are due (a restart, a mass rotation): one sequential pass over the keys takes them all, a sort orders
     * them and the rest is heapified again, instead of a sift-down through the whole heap per credential.
     */
    private void takeAllDue(Instant now, List<Schedule.Tracked> due) {
        long nowKey = key(now);
        long[] dueKeys = new long[slots];
        int[] dueHashes = new int[slots];
        Schedule.Tracked[] dueItems = new Schedule.Tracked[slots];
        int taken = 0;
        int kept = 0;
        for (int i = 0; i < slots; i++) {
            // A slot whose key is later than now is kept unread: if stale, it is dropped when it reaches the top.
            // Only an equal key may hide a later instant (keys saturate), so only then is the instant itself read.
            if (keys[i] <= nowKey && isLive(i) && (keys[i] < nowKey || !items[i].wakeAt.isAfter(now))) {
                // Taken out here, while the credential is in cache, not later in sorted (scattered) order.
                items[i].stamp++;
                dueKeys[taken] = keys[i];
                dueHashes[taken] = hashes[i];
                dueItems[taken++] = items[i];
            } else if (keys[i] > nowKey || isLive(i)) {
                place(kept++, keys[i], hashes[i], items[i], stamps[i]);
            }
        }
        Arrays.fill(items, kept, slots, null);
        slots = kept;
        heapify();
        sort(new Run(dueKeys, dueHashes, dueItems), 0, taken, new Run(new long[taken], new int[taken], new Schedule.Tracked[taken]));
        due.addAll(Arrays.asList(dueItems).subList(0, taken));
        live -= taken;
    }

    /** Merge sort of [from, to) in the queue's order; stable, and it reads keys and hashes from compact arrays. */
    private static void sort(Run run, int from, int to, Run buffer) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        sort(run, from, middle, buffer);
        sort(run, middle, to, buffer);
        if (!run.less(middle, run, middle - 1)) {
            return;
        }
        run.copyTo(buffer, from, to);
        int left = from;
        int right = middle;
        for (int at = from; at < to; at++) {
            boolean takeLeft = right >= to || (left < middle && !buffer.less(right, buffer, left));
            buffer.copyOne(takeLeft ? left++ : right++, run, at);
        }
    }

    /** Parallel arrays of keys, hashes and credentials being sorted. */
    private record Run(long[] keys, int[] hashes, Schedule.Tracked[] items) {
        boolean less(int i, Run other, int j) {
            return WakeQueue.less(keys[i], hashes[i], items[i], other.keys[j], other.hashes[j], other.items[j]);
        }

        void copyTo(Run target, int from, int to) {
            System.arraycopy(keys, from, target.keys, from, to - from);
            System.arraycopy(hashes, from, target.hashes, from, to - from);
            System.arraycopy(items, from, target.items, from, to - from);
        }

        void copyOne(int from, Run target, int to) {
            target.keys[to] = keys[from];
            target.hashes[to] = hashes[from];
            target.items[to] = items[from];
        }
    }

    /** The queued credentials waking before {@code before}, in order, at most {@code limit}. */
    List<Schedule.Tracked> before(Instant before, int limit) {
        List<Schedule.Tracked> due = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            if (isLive(i) && items[i].wakeAt.isBefore(before)) {
                due.add(items[i]);
            }
        }
        due.sort(ORDER);
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
            place(0, keys[slots], hashes[slots], items[slots], stamps[slots]);
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
                place(kept++, keys[i], hashes[i], items[i], stamps[i]);
            }
        }
        Arrays.fill(items, kept, slots, null);
        slots = kept;
        heapify();
    }

    private void heapify() {
        for (int i = (slots - 2) / 4; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void siftUp(int slot) {
        long key = keys[slot];
        int hash = hashes[slot];
        Schedule.Tracked item = items[slot];
        int stamp = stamps[slot];
        while (slot > 0) {
            int parent = (slot - 1) >>> 2;
            if (!less(key, hash, item, keys[parent], hashes[parent], items[parent])) {
                break;
            }
            place(slot, keys[parent], hashes[parent], items[parent], stamps[parent]);
            slot = parent;
        }
        place(slot, key, hash, item, stamp);
    }

    private void siftDown(int slot) {
        long key = keys[slot];
        int hash = hashes[slot];
        Schedule.Tracked item = items[slot];
        int stamp = stamps[slot];
        while (4 * slot + 1 < slots) {
            int first = 4 * slot + 1;
            int child = first;
            for (int sibling = first + 1; sibling < Math.min(first + 4, slots); sibling++) {
                if (less(keys[sibling], hashes[sibling], items[sibling], keys[child], hashes[child], items[child])) {
                    child = sibling;
                }
            }
            if (!less(keys[child], hashes[child], items[child], key, hash, item)) {
                break;
            }
            place(slot, keys[child], hashes[child], items[child], stamps[child]);
            slot = child;
        }
        place(slot, key, hash, item, stamp);
    }

    private static boolean less(long keyA, int hashA, Schedule.Tracked a, long keyB, int hashB, Schedule.Tracked b) {
        if (keyA != keyB) {
            return keyA < keyB;
        }
        return hashA != hashB ? hashA < hashB : a.id.compareTo(b.id) < 0;
    }

    private void place(int slot, long key, int hash, Schedule.Tracked item, int stamp) {
        keys[slot] = key;
        hashes[slot] = hash;
        items[slot] = item;
        stamps[slot] = stamp;
    }

    private void grow() {
        int capacity = keys.length * 2;
        keys = Arrays.copyOf(keys, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
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
