package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.orgscan.OrgScan;
import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.auditor.domain.orgscan.PauseGate;
import dev.tokenwarden.auditor.domain.orgscan.RateBudget;
import dev.tokenwarden.auditor.domain.orgscan.RequestPacing;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.events.ScanTrigger;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.github.GitHubRateLimitedException;
import dev.tokenwarden.platform.github.RateLimitPublisher;
import dev.tokenwarden.platform.github.Repository;
import dev.tokenwarden.platform.github.Sleeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs organisation-wide scans, each on virtual threads: lists the org's repositories, then scans and publishes each
 * non-archived one (within the scan's filter) exactly as a push scan is published, with trigger {@code org-scan} and as
 * a full scan of its default branch; several repositories at once, a repository's files read in parallel, within the
 * instance's {@link RequestPacing}. Its steps are recorded on {@code audit.org-scans}. When GitHub rate-limits the
 * auditor credential, or its remaining budget falls under the configured floor, the scan pauses until the reset and
 * goes on by itself. A scan whose instance stopped is resumed by the instance that finds it abandoned, skipping the
 * repositories it had done.
 */
@ApplicationScoped
public class OrgScanner {
    private static final Logger LOG = Logger.getLogger(OrgScanner.class);

    private final AuditorGitHub github;
    private final Engine engine;
    private final RemoteFiles remoteCallees;
    private final ScanPublisher publisher;
    private final OrgScans scans;
    private final OrgScanRecords records;
    private final OrgScanIntake intake;
    private final RateLimitPublisher rateLimits;
    private final AuditorConfig config;
    private final Clock clock;
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    private final Counter repositoriesScanned;
    private final Counter repositoriesFailed;
    private final Counter pauses;
    private final RequestPacing pacing;

    public OrgScanner(AuditorGitHub github, Engine engine, RemoteFiles remoteCallees, ScanPublisher publisher, OrgScans scans,
                      OrgScanRecords records, OrgScanIntake intake, RateLimitPublisher rateLimits, RequestPacing pacing,
                      AuditorConfig config, Clock clock, MeterRegistry metrics) {
        this.github = github;
        this.engine = engine;
        this.remoteCallees = remoteCallees;
        this.publisher = publisher;
        this.scans = scans;
        this.records = records;
        this.intake = intake;
        this.rateLimits = rateLimits;
        this.pacing = pacing;
        this.config = config;
        this.clock = clock;
        this.repositoriesScanned = repositories(metrics, "scanned");
        this.repositoriesFailed = repositories(metrics, "failed");
        this.pauses = Counter.builder("tokenwarden.auditor.org.scan.pauses").description("org scan pauses for GitHub's rate limit")
                .register(metrics);
    }

    private static Counter repositories(MeterRegistry metrics, String outcome) {
        return Counter.builder("tokenwarden.auditor.org.scan.repositories").description("repositories org scans went through")
                .tag("outcome", outcome).register(metrics);
    }

    /** Records a new scan of {@code org} (queued) and starts it; {@code repositories} empty scans every repository. */
    public OrgScan start(String org, List<String> repositories, String requestedBy) {
        OrgScan scan = save(OrgScan.queued(UUID.randomUUID().toString(), org, repositories, requestedBy, clock.instant()));
        runHere(scan.id());
        return scan;
    }

    @Scheduled(every = "${tokenwarden.auditor.org-scan.resume-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeAbandoned() {
        if (!intake.caughtUp()) {
            return;
        }
        for (OrgScan scan : scans.all()) {
            if (!runningHere.contains(scan.id()) && scan.abandoned(clock.instant(), config.orgScan().staleAfter())) {
                LOG.infof("resuming org scan %s of %s, %d repositories already done", scan.id(), scan.org(), scan.done().size());
                runHere(scan.id());
            }
        }
    }

    private void runHere(String id) {
        if (runningHere.add(id)) {
            Thread.ofVirtual().name("org-scan-" + id).start(() -> {
                try {
                    new Run(scans.get(id).orElseThrow()).execute();
                } finally {
                    runningHere.remove(id);
                }
            });
        }
    }

    private OrgScan save(OrgScan scan) {
        scans.put(scan);
        try {
            records.publish(scan).toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The next step's record supersedes this one; until then only a restart can lose this step.
            LOG.warnf("org scan %s progress not recorded: %s", scan.id(), e.getClass().getSimpleName());
        }
        return scan;
    }

    /**
     * Runs {@code tasks} on virtual threads named {@code name}, their results in their order; on the first to fail the
     * others are interrupted and its failure is thrown.
     */
    private static <T> List<T> forkJoin(String name, List<Callable<T>> tasks) throws InterruptedException {
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory())) {
            CompletionService<T> finished = new ExecutorCompletionService<>(threads);
            List<Future<T>> forked = tasks.stream().map(finished::submit).toList();
            try {
                for (int i = 0; i < forked.size(); i++) {
                    finished.take().get();
                }
                return forked.stream().map(Future::resultNow).toList();
            } catch (ExecutionException e) {
                threads.shutdownNow();
                switch (e.getCause()) {
                    case InterruptedException interrupted -> throw interrupted;
                    case RuntimeException unchecked -> throw unchecked;
                    case Error error -> throw error;
                    default -> throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                threads.shutdownNow();
                throw e;
            }
        }
    }

    /**
     * One scan being advanced on this instance by up to {@code org-scan.concurrency} workers, each taking the next
     * repository not done; every GitHub request of theirs goes through the instance's {@link RequestPacing} and this
     * scan's {@link PauseGate}.
     */
    private final class Run implements AuditorGitHub.Requests<InterruptedException>, PauseGate.Listener {
        private final String id;
        private final PauseGate gate = new PauseGate(clock, Sleeper.THREAD, this);
        private OrgScan scan;
        private Instant lastRecorded = Instant.MIN;

        Run(OrgScan scan) {
            this.id = scan.id();
            this.scan = scan;
        }

        void execute() {
            try {
                step((current, now) -> current.running(now), true);
                OrgScan started = current();
                List<Repository> targets = selected(started, make(() -> github.organisationRepositories(started.org()), false));
                step((current, now) -> current.listed(targets.size(), now), true);
                Queue<Repository> pending = new ConcurrentLinkedQueue<>(targets.stream().filter(r -> !started.isDone(r.name())).toList());
                forkJoin("org-scan-" + id + "-", Collections.nCopies(Math.min(config.orgScan().concurrency(), pending.size()),
                        () -> scanAll(pending)));
                step((current, now) -> current.completed(now), true);
            } catch (GitHubApiException e) {
                step((current, now) -> current.failed(e.status() == 404
                        ? "organisation " + current.org() + " not found, or not visible to the auditor's GitHub credential (GitHub 404)"
                        : "GitHub refused to list the organisation's repositories: " + e.getMessage(), now), true);
            } catch (GitHubException e) {
                step((current, now) -> current.failed("GitHub could not be read: " + e.getMessage(), now), true);
            } catch (InterruptedException e) {
                // The instance is stopping: the scan stays unfinished, for another instance (or this one, restarted) to resume.
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "org scan %s failed", id);
                step((current, now) -> current.failed("internal error: " + e.getClass().getSimpleName(), now), true);
            }
        }

        private static List<Repository> selected(OrgScan scan, List<Repository> repositories) {
            Set<String> wanted = scan.repositories().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return repositories.stream()
                    .filter(repository -> !repository.archived())
                    .filter(repository -> wanted.isEmpty() || wanted.contains(repository.name().toLowerCase(Locale.ROOT)))
                    .toList();
        }

        /** One worker: repositories from {@code pending} until none is left. */
        private Void scanAll(Queue<Repository> pending) throws InterruptedException {
            for (Repository repository = pending.poll(); repository != null; repository = pending.poll()) {
                scanRepository(repository);
            }
            return null;
        }

        /** A repository GitHub will not show (gone, no access) counts as failed and the scan goes on. */
        private void scanRepository(Repository repository) throws InterruptedException {
            long started = System.nanoTime();
            try {
                AuditorGitHub.WorkflowFiles files = github.workflowFiles(repository.owner(), repository.name(), repository.defaultBranch(), this);
                ScanResult result = engine.scan(files.files(), remoteCallees);
                publisher.publish(new RepositoryScan(repositoryScanId(repository), repository.fullName(),
                                "refs/heads/" + repository.defaultBranch(), null, ScanTrigger.ORG_SCAN, files.complete(), result,
                                Duration.ofNanos(System.nanoTime() - started)))
                        .toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                step((current, now) -> current.scanned(repository.name(), result.findings().size(), now), false);
                repositoriesScanned.increment();
            } catch (GitHubApiException | ExecutionException | TimeoutException e) {
                LOG.warnf("org scan %s: %s not scanned: %s", id, repository.fullName(), e.getClass().getSimpleName());
                step((current, now) -> current.repositoryFailed(repository.name(), now), false);
                repositoriesFailed.increment();
            }
        }

        /** The same id when a resumed scan publishes a repository again, so the record is a repeat, not a second scan. */
        private String repositoryScanId(Repository repository) {
            return UUID.nameUUIDFromBytes(("org-scan:" + id + ":" + repository.fullName()).getBytes(StandardCharsets.UTF_8)).toString();
        }

        @Override
        public <T> T make(Supplier<T> request) throws InterruptedException {
            return make(request, true);
        }

        @Override
        public <T> List<T> makeAll(List<Supplier<T>> requests) throws InterruptedException {
            return forkJoin("org-scan-" + id + "-read-", requests.stream().<Callable<T>>map(request -> () -> make(request)).toList());
        }

        /**
         * Makes {@code request} once the scan is not paused, pausing it first while the credential's budget is under
         * the floor ({@code keepToTheFloor}) and until the end of each rate limit GitHub answers with (longer than the
         * client waits itself).
         */
        private <T> T make(Supplier<T> request, boolean keepToTheFloor) throws InterruptedException {
            while (true) {
                gate.passThrough();
                Optional<Instant> underTheFloor = keepToTheFloor ? underTheFloorUntil() : Optional.empty();
                if (underTheFloor.isPresent()) {
                    gate.pause(underTheFloor.get());
                    continue;
                }
                try {
                    return pacing.make(request);
                } catch (GitHubRateLimitedException e) {
                    gate.pause(e.until());
                }
            }
        }

        private Optional<Instant> underTheFloorUntil() {
            return rateLimits.latest(AuditorGitHub.RATE_KEY, "core").flatMap(seen ->
                    RateBudget.pauseUntil(seen.remaining(), seen.resetAt(), config.orgScan().rateLimitFloor(), clock.instant()));
        }

        @Override
        public void paused(Instant until) {
            LOG.infof("org scan %s paused by GitHub's rate limit until %s", id, until);
            pauses.increment();
            step((current, now) -> current.paused(until, now), true);
        }

        @Override
        public void resumed() {
            step((current, now) -> current.running(now), true);
        }

        private synchronized OrgScan current() {
            return scan;
        }

        /**
         * Advances the scan by {@code step}, stamped no earlier than its last step so its records stay in order;
         * recorded at once when {@code recordNow}, otherwise once {@code org-scan.progress-every} has passed since the
         * last record (the steps between are seen on this instance only).
         */
        private synchronized void step(BiFunction<OrgScan, Instant, OrgScan> step, boolean recordNow) {
            Instant clockNow = clock.instant();
            Instant now = clockNow.isBefore(scan.updatedAt()) ? scan.updatedAt() : clockNow;
            scan = step.apply(scan, now);
            if (recordNow || !now.isBefore(lastRecorded.plus(config.orgScan().progressEvery()))) {
                save(scan);
                lastRecorded = now;
            } else {
                scans.put(scan);
            }
        }
    }
}
