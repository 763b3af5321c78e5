package dev.tokenwarden.bench;

import dev.tokenwarden.console.domain.CredentialFilter;
import dev.tokenwarden.console.domain.Health;
import dev.tokenwarden.console.domain.ReadModel;
import dev.tokenwarden.console.domain.RotationPolicy;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.TokenRotated;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The console's read model at 1,000, 10,000 and 100,000 credentials, each with its state, two lifecycle steps and
 * two ledger entries, as the consumers would build it: the heap it holds, and the median time of what a page asks
 * (the overview's counts and lists, a page of the unfiltered list, the last page, a text search, a state filter).
 * Prints figures; asserts nothing.
 */
public final class ConsoleBench {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String[] TIERS = {"read", "write_packages", "workflow", "deployment"};
    private static final CredentialKind[] KINDS = CredentialKind.values();
    private static final int RUNS = 31;

    private ConsoleBench() {
    }

    public static void main(String[] args) {
        System.out.println("credentials | heap MB | bytes/credential | overview ms | page 1 ms | last page ms | search ms | state filter ms");
        BenchFigures figures = new BenchFigures("ConsoleBench");
        for (int size : BenchFigures.quick() ? new int[] {1_000, 10_000} : new int[] {1_000, 10_000, 100_000}) {
            long before = usedHeap();
            ReadModel model = build(size);
            long held = usedHeap() - before;
            int lastPage = (size + 49) / 50;
            double overview = median(() -> model.overview(NOW, 10));
            double firstPage = median(() -> model.credentials().page(CredentialFilter.ALL, 1, 50, NOW));
            double last = median(() -> model.credentials().page(CredentialFilter.ALL, lastPage, 50, NOW));
            double search = median(() -> model.credentials().page(new CredentialFilter("team-7", null, null, null), 1, 50, NOW));
            double stateFilter = median(() -> model.credentials().page(new CredentialFilter(null, null, null, Health.FAILING), 1, 50, NOW));
            System.out.printf(Locale.ROOT, "%11d | %7.1f | %16d | %11.3f | %9.3f | %12.3f | %9.3f | %15.3f%n", size,
                    held / 1e6, held / size, overview, firstPage, last, search, stateFilter);
            figures.add("bytes-per-credential." + size, "heap per credential at " + size, "B", held / size)
                    .add("overview." + size, "overview at " + size, "ms", overview)
                    .add("page-1." + size, "first page at " + size, "ms", firstPage)
                    .add("search." + size, "text search at " + size, "ms", search)
                    .add("state-filter." + size, "state filter at " + size, "ms", stateFilter);
        }
        figures.note("each time is the median of " + RUNS + " requests in one JVM").write();
    }

    private static ReadModel build(int size) {
        ReadModel model = new ReadModel(new RotationPolicy(Map.of("read", Duration.ofDays(180), "write_packages", Duration.ofDays(90),
                "workflow", Duration.ofDays(60), "deployment", Duration.ofDays(30)), Duration.ofMinutes(45), Duration.ofDays(14),
                Duration.ofDays(7)), new ReadModel.Limits(20, 10, 1000));
        for (int i = 0; i < size; i++) {
            String id = "cred-%06d".formatted(i);
            String tier = TIERS[i % TIERS.length];
            CredentialKind kind = KINDS[i % KINDS.length];
            String consumer = "team-" + (i % 500);
            model.inventory(id, new InventoryEntry(id, kind, tier, "acme", consumer, List.of("acme/repo-" + (i % 2000)), List.of(),
                    "owner-" + (i % 200), null));
            Instant rotated = NOW.minus(Duration.ofHours(i % 2000));
            model.state(id, new CredentialState(id, i % 97 == 0 ? CredentialStatus.FAILED : CredentialStatus.HEALTHY, 3L, rotated,
                    rotated.plus(Duration.ofDays(90)), "rot-" + i, NOW));
            for (int step = 0; step < 2; step++) {
                String hash = hash(i, step);
                model.rotated("event-" + i + "-" + step, new TokenRotated("rot-" + i + "-" + step, id, "github/" + tier + "/" + consumer + "/" + id,
                        (long) step + 1, rotated.plus(Duration.ofDays(90)), hash, rotated.minus(Duration.ofDays(step))));
                model.ledger(new LedgerEntry(hash, id, kind, tier, consumer, List.of(), rotated.minus(Duration.ofDays(step)), null, null,
                        null, null));
            }
        }
        return model;
    }

    private static String hash(int i, int step) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) step);
        bytes[0] = (byte) i;
        bytes[1] = (byte) (i >> 8);
        bytes[2] = (byte) (i >> 16);
        return HexFormat.of().formatHex(bytes);
    }

    private static double median(Supplier<?> query) {
        double[] millis = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            query.get();
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
