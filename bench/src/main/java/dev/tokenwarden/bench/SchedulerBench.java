package dev.tokenwarden.bench;

import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.EventJson;
import dev.tokenwarden.events.EventType;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.PolicyOverrides;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.Service;
import dev.tokenwarden.platform.events.CloudEventHeaders;
import dev.tokenwarden.platform.events.CloudEventReader;
import dev.tokenwarden.scheduler.domain.PacingPolicy;
import dev.tokenwarden.scheduler.domain.PassResult;
import dev.tokenwarden.scheduler.domain.Schedule;
import dev.tokenwarden.scheduler.domain.SchedulePolicy;
import dev.tokenwarden.scheduler.domain.TierPolicy;
import dev.tokenwarden.scheduler.messaging.ScheduleFeed;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Cost of the rotation-scheduler's schedule at 10k and 100k credentials: heap per credential, an idle
 * pass, a pass where everything is due, and rebuilding from topic records. Prints figures; asserts nothing.
 */
public final class SchedulerBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TIERS = {"read", "write_packages", "workflow", "deployment"};
    private static final int PASSES = 200;
    /** Best of this many: on a shared machine single runs of the all-due pass vary by a third. */
    private static final int ALL_DUE_ROUNDS = 7;

    private SchedulerBench() {
    }

    public static void main(String[] args) {
        warmUp();
        System.out.println("times are CPU time of the benchmark thread (best of several runs), so a busy machine does not inflate them;"
                + " wall-clock in brackets");
        System.out.printf("%-12s %14s %14s %24s %24s %16s%n", "credentials", "heap/cred (B)", "idle pass (us)",
                "all-due pass (ms)", "rebuild (ms)", "rebuild (rec/s)");
        BenchFigures figures = new BenchFigures("SchedulerBench");
        for (int n : BenchFigures.quick() ? new int[] {10_000} : new int[] {10_000, 100_000}) {
            run(n, figures);
        }
        System.out.println("aims: all-due pass over 100,000 < 100 ms; heap < 1024 B per credential");
        figures.note("times are CPU time of the benchmark thread, best of several passes").write();
    }

    private static void run(int n, BenchFigures figures) {
        List<InventoryEntry> entries = entries(n);

        gc();
        long before = usedHeap();
        Schedule held = populated(entries);
        gc();
        long heapPerCredential = (usedHeap() - before) / n;

        long idleNanos = Long.MAX_VALUE;
        Instant quiet = T0.plus(Duration.ofMinutes(1));
        for (int i = 0; i < PASSES; i++) {
            long start = cpu();
            held.pass(quiet);
            idleNanos = Math.min(idleNanos, cpu() - start);
        }

        long allDueNanos = Long.MAX_VALUE;
        long allDueWall = Long.MAX_VALUE;
        int emitted = 0;
        for (int round = 0; round < ALL_DUE_ROUNDS; round++) {
            Schedule fresh = new Schedule(policy());
            fresh.ownEverything();
            for (InventoryEntry entry : entries) {
                fresh.upsert(entry, 0, T0);
            }
            long start = cpu();
            long wall = System.nanoTime();
            PassResult result = fresh.pass(T0);
            allDueWall = Math.min(allDueWall, System.nanoTime() - wall);
            allDueNanos = Math.min(allDueNanos, cpu() - start);
            emitted = result.rotations().size();
        }
        if (emitted != n) {
            throw new IllegalStateException("expected " + n + " rotations, the pass emitted " + emitted);
        }

        List<ConsumerRecord<String, byte[]>> records = records(entries);
        long rebuildNanos = Long.MAX_VALUE;
        long rebuildWall = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = cpu();
            long wall = System.nanoTime();
            Schedule rebuilt = new Schedule(policy());
            ScheduleFeed feed = new ScheduleFeed(rebuilt, Clock.fixed(T0, ZoneOffset.UTC));
            CloudEventReader reader = CloudEventReader.accepting(EventType.INVENTORY_ENTRY, EventType.CREDENTIAL_STATE, EventType.ROTATION_DUE);
            for (ConsumerRecord<String, byte[]> record : records) {
                feed.apply(reader.read(record), record.partition());
            }
            rebuildWall = Math.min(rebuildWall, System.nanoTime() - wall);
            rebuildNanos = Math.min(rebuildNanos, cpu() - start);
            if (rebuilt.size() != n) {
                throw new IllegalStateException("rebuilt " + rebuilt.size() + " of " + n);
            }
        }
        System.out.printf("%-12d %14d %14.1f %24s %24s %16.0f%n", n, heapPerCredential, idleNanos / 1e3,
                "%.1f [%.1f]".formatted(allDueNanos / 1e6, allDueWall / 1e6), "%.1f [%.1f]".formatted(rebuildNanos / 1e6, rebuildWall / 1e6),
                records.size() / (rebuildNanos / 1e9));
        figures.add("heap-per-credential." + n, "heap per credential at " + n, "B", heapPerCredential, BenchFigures.Aim.below(1024))
                .add("idle-pass." + n, "idle pass at " + n, "us", idleNanos / 1e3)
                .add("all-due-pass." + n, "all-due pass at " + n + " (CPU)", "ms", allDueNanos / 1e6,
                        n == 100_000 ? BenchFigures.Aim.below(100) : null)
                .add("rebuild." + n, "rebuild from the topics at " + n + " (3 records per credential, CPU)", "ms", rebuildNanos / 1e6);
        if (held.size() != n) {
            throw new IllegalStateException("the measured schedule lost credentials");
        }
    }

    /** Every entry with its credential.state (recently rotated) and one outstanding, unconfirmed emission. */
    private static Schedule populated(List<InventoryEntry> entries) {
        Schedule schedule = new Schedule(policy());
        schedule.ownEverything();
        for (InventoryEntry entry : entries) {
            schedule.upsert(entry, 0, T0);
            Instant rotated = T0.minus(Duration.ofMinutes(5));
            schedule.onState(new CredentialState(entry.id(), CredentialStatus.HEALTHY, 3L, rotated,
                    entry.kind().isPat() ? T0.plus(Duration.ofDays(80)) : rotated.plus(Duration.ofHours(1)), "previous", rotated), T0);
            schedule.onEmitted(emission(entry), T0);
        }
        return schedule;
    }

    private static RotationDue emission(InventoryEntry entry) {
        Instant due = T0.plus(Duration.ofDays(2));
        return new RotationDue(Integer.toHexString(entry.id().hashCode()) + "0123456789abcdef0123", entry.id(), due,
                due.plus(Duration.ofDays(7)), dev.tokenwarden.events.RotationReason.SCHEDULED, 1, "rotation-scheduler", entry);
    }

    private static List<InventoryEntry> entries(int n) {
        List<InventoryEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String tier = TIERS[i % TIERS.length];
            String team = "team-" + (i % 50);
            boolean installation = i % 3 != 0;
            List<AppInstallation> pool = installation
                    ? (i % 2 == 0 ? List.of(new AppInstallation(101L, 1_000L + i % 200)) : List.of(new AppInstallation(101L, 1_000L + i % 200),
                            new AppInstallation(102L, 2_000L + i % 200)))
                    : List.of();
            entries.add(new InventoryEntry(String.format("cred-%06d", i), installation ? CredentialKind.APP_INSTALLATION : CredentialKind.CLASSIC_PAT,
                    tier, "acme", team, List.of("acme/service-" + (i % 500), "acme/shared-" + (i % 20)), pool, team + "@acme.example",
                    PolicyOverrides.NONE));
        }
        return entries;
    }

    private static List<ConsumerRecord<String, byte[]>> records(List<InventoryEntry> entries) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(entries.size() * 3);
        for (InventoryEntry entry : entries) {
            records.add(record(EventType.INVENTORY_ENTRY, Service.ROTATION_SCHEDULER, entry.id(), entry));
        }
        for (InventoryEntry entry : entries) {
            records.add(record(EventType.CREDENTIAL_STATE, Service.TOKEN_BROKER, entry.id(),
                    new CredentialState(entry.id(), CredentialStatus.HEALTHY, 3L, T0, T0.plus(Duration.ofDays(80)), "previous", T0)));
            records.add(record(EventType.ROTATION_DUE, Service.ROTATION_SCHEDULER, entry.id(), emission(entry)));
        }
        return records;
    }

    private static ConsumerRecord<String, byte[]> record(EventType type, Service source, String key, Record payload) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, (key + type.ceType()).getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, source.source().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, type.ceType().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, T0.toString().getBytes(StandardCharsets.UTF_8));
        byte[] body = EventJson.write(payload);
        return new ConsumerRecord<>(type.topic(), 0, 0L, T0.toEpochMilli(), TimestampType.CREATE_TIME, key.length(), body.length, key, body,
                headers, java.util.Optional.empty());
    }

    /** The default tiers; pacing budgets so large that an all-due pass measures the schedule, not the pacing. */
    private static SchedulePolicy policy() {
        Map<String, TierPolicy> tiers = Map.of("read", new TierPolicy("read", Duration.ofDays(180), false),
                "write_packages", new TierPolicy("write_packages", Duration.ofDays(90), false),
                "workflow", new TierPolicy("workflow", Duration.ofDays(60), false),
                "deployment", new TierPolicy("deployment", Duration.ofDays(30), false));
        return new SchedulePolicy(tiers, Set.of(101L, 102L), Duration.ofMinutes(45), Duration.ofDays(14),
                Arrays.asList(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(1)), Duration.ofMinutes(10), Duration.ofDays(7), 3,
                0.01, Duration.ofHours(6), new PacingPolicy(0.2, 0.8, 0.1, 0.25, 0.5, 0.9, 3, 1_000_000, 1_000_000, 1_000_000));
    }

    private static void warmUp() {
        List<InventoryEntry> entries = entries(20_000);
        for (int i = 0; i < 5; i++) {
            Schedule schedule = new Schedule(policy());
            schedule.ownEverything();
            entries.forEach(e -> schedule.upsert(e, 0, T0));
            schedule.pass(T0);
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void gc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
