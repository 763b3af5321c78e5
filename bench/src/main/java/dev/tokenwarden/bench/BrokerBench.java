package dev.tokenwarden.bench;

import dev.tokenwarden.broker.BrokerConfig;
import dev.tokenwarden.broker.domain.CredentialStates;
import dev.tokenwarden.broker.domain.CredentialTarget;
import dev.tokenwarden.broker.domain.DueRotations;
import dev.tokenwarden.broker.domain.Ledger;
import dev.tokenwarden.broker.domain.PatIntake;
import dev.tokenwarden.broker.domain.PendingUploads;
import dev.tokenwarden.broker.domain.RateLimits;
import dev.tokenwarden.broker.domain.RotationEngine;
import dev.tokenwarden.broker.domain.UserTokenRefresh;
import dev.tokenwarden.broker.domain.RotationOrder;
import dev.tokenwarden.broker.domain.RotationResult;
import dev.tokenwarden.broker.domain.Secret;
import dev.tokenwarden.broker.domain.SecretData;
import dev.tokenwarden.broker.domain.SecretStore;
import dev.tokenwarden.broker.domain.TierCatalogue;
import dev.tokenwarden.broker.domain.TierPolicy;
import dev.tokenwarden.broker.infra.github.AppKeys;
import dev.tokenwarden.broker.infra.github.GitHubCredentials;
import dev.tokenwarden.broker.infra.vault.VaultSecretStore;
import dev.tokenwarden.events.AppInstallation;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.CredentialState;
import dev.tokenwarden.events.CredentialStatus;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.LedgerEntry;
import dev.tokenwarden.events.RotationDue;
import dev.tokenwarden.events.RotationReason;
import dev.tokenwarden.platform.github.GitHubClient;
import dev.tokenwarden.platform.github.GitHubSettings;
import dev.tokenwarden.platform.vault.VaultSession;
import dev.tokenwarden.sandbox.github.GitHubSimulator;
import dev.tokenwarden.sandbox.github.SimulatedApp;
import dev.tokenwarden.sandbox.vault.SharedVaults;
import dev.tokenwarden.sandbox.vault.VaultEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the token-broker adds to a rotation beyond the time Vault and GitHub take, measured against a real
 * OpenBao ({@code bao server -dev}; the in-memory Vault-API server when bao is missing, said in the output)
 * and the GitHub simulator, both on loopback. Prints rotations per second at 1, 8 and 64 in flight, the
 * broker's own time per rotation (median and p95), and that time with 100 and with 10,000 credentials known.
 * Events are serialised as for Kafka but not sent: Kafka's acknowledgement latency is not the broker's.
 */
public final class BrokerBench {
    private static final long APP_ID = 1;
    private static final long INSTALLATION_ID = 11;
    private static final Clock CLOCK = Clock.systemUTC();
    private static final AtomicLong ROTATION_IDS = new AtomicLong();

    private final TimedPorts ports;
    private final TierCatalogue tiers = new TierCatalogue(Map.of("read", new TierPolicy("read",
            Map.of("contents", "read", "metadata", "read"), Map.of(), java.util.Set.of(), Duration.ofDays(180))));

    private BrokerBench(TimedPorts ports) {
        this.ports = ports;
    }

    public static void main(String[] args) throws Exception {
        VaultEndpoint endpoint = SharedVaults.openBao().orElseGet(() -> {
            System.out.println("NOTE: " + SharedVaults.BAO_MISSING + "; measuring against the in-memory Vault-API server instead");
            return SharedVaults.inMemoryEndpoint();
        });
        String mount = "bench" + Long.toString(System.nanoTime(), 36);
        vault(endpoint, "sys/mounts/" + mount, "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}");
        vault(endpoint, mount + "/config", "{\"cas_required\":true}");

        try (GitHubSimulator github = GitHubSimulator.start(CLOCK)) {
            SimulatedApp app = github.registerApp(APP_ID);
            github.addInstallation(APP_ID, INSTALLATION_ID, "acme", List.of("api"), Map.of("contents", "read", "metadata", "read"));
            github.setRateLimit(APP_ID + "/" + INSTALLATION_ID, Integer.MAX_VALUE);
            github.setRateLimit("app:" + APP_ID, Integer.MAX_VALUE);

            SecretStore store = new VaultSecretStore(new VaultSession(new BenchVaultSettings(endpoint, mount), CLOCK));
            store.write(CredentialTarget.vaultPath("apps", "bench", "app-1-key"), new SecretData(Secret.of(app.privateKeyPem()), CLOCK.instant().plus(Duration.ofDays(365)),
                    CredentialKind.APP_PRIVATE_KEY, Map.of(), List.of(), "bench"), 0);
            // Secondary-limit pacing off (the last 0): this bench measures the broker's own cost per rotation, far past
            // what one app may mint on GitHub; PipelineBench measures the pipeline against GitHub's limits.
            GitHubClient client = GitHubClient.create(new GitHubSettings(URI.create(github.baseUrl()), "tokenwarden-bench",
                    Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofMillis(100), Duration.ofSeconds(2),
                    Duration.ofSeconds(30), Duration.ofSeconds(5), 1000, Duration.ofSeconds(5), 10, 0), CLOCK, observation -> { });
            GitHubCredentials gitHub = new GitHubCredentials(client,
                    new AppKeys(store, Map.of(Long.toString(APP_ID), new BenchApp(app.clientId(), "apps/bench/app-1-key"))), Map.of());
            BrokerBench bench = new BrokerBench(new TimedPorts(store, gitHub, gitHub, gitHub));

            System.out.printf("Vault: %s; GitHub: simulator at %s; %d CPUs%n", endpoint.kind(), github.baseUrl(),
                    Runtime.getRuntime().availableProcessors());
            bench.run(bench.broker(0), 8, 200, "warm-up");
            System.out.println();
            System.out.println("in flight | rotations | rotations/s | rotation median ms | broker median ms | broker p95 ms");
            BenchFigures figures = new BenchFigures("BrokerBench");
            int perRun = BenchFigures.quick() ? 50 : 200;
            for (int inFlight : new int[] {1, 8, 64}) {
                Result result = bench.run(bench.broker(0), inFlight, Math.max(perRun, inFlight * 10), null);
                result.print(inFlight);
                figures.add("rotations-per-s." + inFlight, "rotations per second, " + inFlight + " in flight", "1/s", result.rotationsPerSecond())
                        .add("broker-median." + inFlight, "broker's own time per rotation (median), " + inFlight + " in flight", "ms",
                                result.brokerMedianMs(), BenchFigures.Aim.below(5));
            }
            System.out.println();
            System.out.println("credentials known | rotations | broker median ms | broker p95 ms");
            int inventory = BenchFigures.quick() ? 1_000 : 10_000;
            Result small = bench.run(bench.broker(100), 1, perRun + 100, null);
            Result large = bench.run(bench.broker(inventory), 1, perRun + 100, null);
            System.out.printf("%17d | %9d | %16.3f | %13.3f%n", 100, small.count(), small.brokerMedianMs(), small.brokerP95Ms());
            System.out.printf("%17d | %9d | %16.3f | %13.3f%n", inventory, large.count(), large.brokerMedianMs(), large.brokerP95Ms());
            System.out.printf("broker time per rotation, %,d vs 100 credentials: %.2fx (median)%n", inventory,
                    large.brokerMedianMs() / small.brokerMedianMs());
            figures.add("growth." + inventory, "broker time per rotation, " + inventory + " vs 100 credentials known (median)", "x",
                    large.brokerMedianMs() / small.brokerMedianMs())
                    .note("BrokerBench: Vault " + endpoint.kind() + ", GitHub simulator on loopback; Kafka not counted").write();
        }
        System.exit(0);
    }

    /** The bench rotates installation tokens only: no PAT ever waits for an upload. */
    private static final PendingUploads NO_PAT_UPLOADS = new PendingUploads() {
        @Override
        public void save(RotationOrder order) {
            throw new UnsupportedOperationException("the bench rotates no PAT");
        }

        @Override
        public void remove(RotationOrder order) {
            throw new UnsupportedOperationException("the bench rotates no PAT");
        }

        @Override
        public List<RotationOrder> all() {
            return List.of();
        }
    };

    /** A broker's domain over the shared ports, with {@code known} credentials already in its books. */
    private DueRotations broker(int known) {
        CountingEvents events = new CountingEvents();
        Ledger ledger = new Ledger(events);
        CredentialStates states = new CredentialStates(events);
        Instant now = CLOCK.instant();
        for (int i = 0; i < known; i++) {
            String id = "known-" + i;
            ledger.apply(new LedgerEntry(Secret.sha256Hex("bench-known-" + i), id, CredentialKind.APP_INSTALLATION, "read",
                    "bench", List.of("acme/api"), now, now.plus(Duration.ofHours(1)), null, null, null));
            states.apply(new CredentialState(id, CredentialStatus.HEALTHY, 1L, now, now.plus(Duration.ofHours(1)), "seed-" + i, now));
        }
        RotationEngine engine = new RotationEngine(ports, ports, ledger, states, events, CLOCK, Duration.ofMinutes(10));
        PatIntake pats = new PatIntake(engine, ports, tiers, ledger, CLOCK, NO_PAT_UPLOADS);
        // The bench rotates no user token, so no refresh grants or refresher stand behind that kind.
        return new DueRotations(engine, pats, new UserTokenRefresh(null, null, events, CLOCK), ports, ports, new RateLimits(), tiers, CLOCK);
    }

    private Result run(DueRotations broker, int inFlight, int rotations, String label) throws Exception {
        String run = Long.toString(ROTATION_IDS.incrementAndGet(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < rotations; i++) {
            String credentialId = "bench-" + run + "-" + (i % Math.max(inFlight * 4, 64));
            String rotationId = run + "-" + i;
            done.add(pool.submit(() -> {
                // Made when it runs, as a due order arrives: the broker drops an order due before its credential's
                // last rotation (superseded), which an order built before the previous rotation of the same credential is.
                RotationDue due = due(credentialId, rotationId);
                TimedPorts.takeOutsideNanos();
                long t0 = System.nanoTime();
                RotationResult result = broker.handle(due);
                long total = System.nanoTime() - t0;
                long outside = TimedPorts.takeOutsideNanos();
                if (result.outcome() != RotationResult.Outcome.ROTATED) {
                    throw new IllegalStateException("rotation " + due.rotationId() + " ended " + result.outcome() + ": " + result.failure());
                }
                samples.add(new long[] {total, total - outside});
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        if (label != null) {
            System.out.printf("%s: %d rotations%n", label, rotations);
        }
        return new Result(samples, wall);
    }

    private RotationDue due(String credentialId, String rotationId) {
        Instant now = CLOCK.instant();
        InventoryEntry entry = new InventoryEntry(credentialId, CredentialKind.APP_INSTALLATION, "read", "acme", "bench",
                List.of("acme/api"), List.of(new AppInstallation(APP_ID, INSTALLATION_ID)), "bench@acme.test", null);
        return new RotationDue(rotationId, credentialId, now, now.plusSeconds(600), RotationReason.SCHEDULED, 1, "bench", entry);
    }

    private record Result(List<long[]> samples, long wallNanos) {
        int count() {
            return samples.size();
        }

        double rotationsPerSecond() {
            return samples.size() / (wallNanos / 1e9);
        }

        double percentileMs(int column, double percentile) {
            List<Long> values = new ArrayList<>(samples.stream().map(s -> s[column]).toList());
            Collections.sort(values);
            return values.get((int) Math.min(values.size() - 1, Math.floor(percentile * values.size()))) / 1e6;
        }

        double brokerMedianMs() {
            return percentileMs(1, 0.5);
        }

        double brokerP95Ms() {
            return percentileMs(1, 0.95);
        }

        void print(int inFlight) {
            System.out.printf("%9d | %9d | %11.1f | %18.3f | %16.3f | %13.3f%n", inFlight, count(), rotationsPerSecond(),
                    percentileMs(0, 0.5), brokerMedianMs(), brokerP95Ms());
        }
    }

    private record BenchApp(String clientId, String keyPath) implements BrokerConfig.App {
    }

    private static void vault(VaultEndpoint endpoint, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.address() + "/v1/" + path))
                .header("X-Vault-Token", endpoint.rootToken()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Vault answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
    }
}
