package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.engine.Engine;
import dev.tokenwarden.auditor.domain.engine.RemoteFiles;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.orgscan.OrgScan;
import dev.tokenwarden.auditor.domain.orgscan.OrgScans;
import dev.tokenwarden.auditor.domain.orgscan.RateBudget;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs organisation-wide scans, each on a virtual thread: lists the org's repositories, then scans and publishes each
 * non-archived one (within the scan's filter) exactly as a push scan is published, with trigger {@code org-scan} and as
 * a full scan of its default branch. Every step is recorded on {@code audit.org-scans}. When GitHub rate-limits the
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

    public OrgScanner(AuditorGitHub github, Engine engine, RemoteFiles remoteCallees, ScanPublisher publisher, OrgScans scans,
                      OrgScanRecords records, OrgScanIntake intake, RateLimitPublisher rateLimits, AuditorConfig config, Clock clock,
                      MeterRegistry metrics) {
        this.github = github;
        this.engine = engine;
        this.remoteCallees = remoteCallees;
        this.publisher = publisher;
        this.scans = scans;
        this.records = records;
        this.intake = intake;
        this.rateLimits = rateLimits;
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

    /** One scan being advanced on this instance. */
    private final class Run {
        private OrgScan scan;

        Run(OrgScan scan) {
            this.scan = scan;
        }

        void execute() {
            try {
                scan = save(scan.running(clock.instant()));
                List<Repository> targets = selected(rateLimited(() -> github.organisationRepositories(scan.org())));
                scan = save(scan.listed(targets.size(), clock.instant()));
                for (Repository repository : targets) {
                    if (!scan.isDone(repository.name())) {
                        pauseUnderTheFloor();
                        scanRepository(repository);
                    }
                }
                scan = save(scan.completed(clock.instant()));
            } catch (GitHubApiException e) {
                scan = save(scan.failed(e.status() == 404
                        ? "organisation " + scan.org() + " not found, or not visible to the auditor's GitHub credential (GitHub 404)"
                        : "GitHub refused to list the organisation's repositories: " + e.getMessage(), clock.instant()));
            } catch (GitHubException e) {
                scan = save(scan.failed("GitHub could not be read: " + e.getMessage(), clock.instant()));
            } catch (InterruptedException e) {
                // The instance is stopping: the scan stays unfinished, for another instance (or this one, restarted) to resume.
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "org scan %s failed", scan.id());
                scan = save(scan.failed("internal error: " + e.getClass().getSimpleName(), clock.instant()));
            }
        }

        private List<Repository> selected(List<Repository> repositories) {
            Set<String> wanted = scan.repositories().stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return repositories.stream()
                    .filter(repository -> !repository.archived())
                    .filter(repository -> wanted.isEmpty() || wanted.contains(repository.name().toLowerCase(Locale.ROOT)))
                    .toList();
        }

        /** A repository GitHub will not show (gone, no access) counts as failed and the scan goes on. */
        private void scanRepository(Repository repository) throws InterruptedException {
            long started = System.nanoTime();
            try {
                AuditorGitHub.WorkflowFiles files = rateLimited(
                        () -> github.workflowFiles(repository.owner(), repository.name(), repository.defaultBranch()));
                ScanResult result = engine.scan(files.files(), remoteCallees);
                publisher.publish(new RepositoryScan(repositoryScanId(repository), repository.fullName(),
                                "refs/heads/" + repository.defaultBranch(), null, ScanTrigger.ORG_SCAN, files.complete(), result,
                                Duration.ofNanos(System.nanoTime() - started)))
                        .toCompletableFuture().get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                scan = save(scan.scanned(repository.name(), result.findings().size(), clock.instant()));
                repositoriesScanned.increment();
            } catch (GitHubApiException | ExecutionException | TimeoutException e) {
                LOG.warnf("org scan %s: %s not scanned: %s", scan.id(), repository.fullName(), e.getClass().getSimpleName());
                scan = save(scan.repositoryFailed(repository.name(), clock.instant()));
                repositoriesFailed.increment();
            }
        }

        /** The same id when a resumed scan publishes a repository again, so the record is a repeat, not a second scan. */
        private String repositoryScanId(Repository repository) {
            return UUID.nameUUIDFromBytes(("org-scan:" + scan.id() + ":" + repository.fullName()).getBytes(StandardCharsets.UTF_8)).toString();
        }

        private void pauseUnderTheFloor() throws InterruptedException {
            Instant now = clock.instant();
            Optional<Instant> until = rateLimits.latest(AuditorGitHub.RATE_KEY, "core")
                    .flatMap(seen -> RateBudget.pauseUntil(seen.remaining(), seen.resetAt(), config.orgScan().rateLimitFloor(), now));
            if (until.isPresent()) {
                pause(until.get());
            }
        }

        /** Calls GitHub, pausing until the end of each rate limit it answers with (longer than the client waits itself). */
        private <T> T rateLimited(Supplier<T> call) throws InterruptedException {
            while (true) {
                try {
                    return call.get();
                } catch (GitHubRateLimitedException e) {
                    pause(e.until());
                }
            }
        }

        private void pause(Instant until) throws InterruptedException {
            Instant now = clock.instant();
            LOG.infof("org scan %s paused by GitHub's rate limit until %s", scan.id(), until);
            scan = save(scan.paused(until, now));
            pauses.increment();
            if (until.isAfter(now)) {
                Sleeper.THREAD.sleep(Duration.between(now, until));
            }
            scan = save(scan.running(clock.instant()));
        }
    }
}
