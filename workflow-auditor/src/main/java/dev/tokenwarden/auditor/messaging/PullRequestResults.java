package dev.tokenwarden.auditor.messaging;

import dev.tokenwarden.auditor.AuditorConfig;
import dev.tokenwarden.auditor.domain.checks.ChangedLines;
import dev.tokenwarden.auditor.domain.checks.CheckRunReport;
import dev.tokenwarden.auditor.domain.checks.SarifUpload;
import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.report.ReportFormat;
import dev.tokenwarden.auditor.domain.report.Reports;
import dev.tokenwarden.auditor.infra.AuditorGitHub;
import dev.tokenwarden.platform.github.CheckAnnotation;
import dev.tokenwarden.platform.github.CheckRun;
import dev.tokenwarden.platform.github.CheckRunUpdate;
import dev.tokenwarden.platform.github.GitHubApiException;
import dev.tokenwarden.platform.github.GitHubException;
import dev.tokenwarden.platform.github.SarifProcessing;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reports a scanned pull request where its developers look, after its findings are published (so nothing here can
 * lose them): a check run on the head commit ({@link CheckRunReport}), then, where the repository has code scanning,
 * the scan's SARIF uploaded and followed until GitHub has processed it. It runs on a small worker of its own, so the
 * webhook is answered without waiting for it; a failure is logged and counted
 * ({@code tokenwarden_auditor_pull_request_results_total{kind,outcome}}), never retried beyond the GitHub client's
 * own bounded retries.
 * <p>
 * A check run belongs to one commit for good, so each head gets its own run of the configured name. A re-scan of a
 * head (a redelivered or {@code reopened} delivery) finds the run there ({@code GET .../commits/{sha}/check-runs})
 * and, when its {@code external_id} says it already carries these annotations, updates its output and conclusion in
 * place; annotations cannot be removed from a run, so a head whose findings changed (new rules) gets a new run,
 * which GitHub then shows as the latest of that name.
 */
@ApplicationScoped
public class PullRequestResults {
    private static final Logger LOG = Logger.getLogger(PullRequestResults.class);
    private static final String TOOL_NAME = "tokenwarden-audit";
    private static final Duration LONGEST_POLL = Duration.ofSeconds(15);
    private static final int QUEUED_REPORTS = 200;

    /** One pull request's head: where the results go. */
    public record Head(String owner, String repo, long number, String sha) {
        String ref() {
            return "refs/pull/" + number + "/head";
        }

        @Override
        public String toString() {
            return owner + "/" + repo + "#" + number + "@" + sha;
        }
    }

    private final AuditorGitHub github;
    private final Reports reports;
    private final AuditorConfig.PullRequestResults config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_REPORTS),
            runnable -> {
                Thread thread = new Thread(runnable, "pull-request-results");
                thread.setDaemon(true);
                return thread;
            });

    public PullRequestResults(AuditorGitHub github, Reports reports, AuditorConfig config, Clock clock, MeterRegistry metrics) {
        this.github = github;
        this.reports = reports;
        this.config = config.pullRequestResults();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Reports {@code result}, a scan of the files {@code changed} describes, on {@code head}. Returns at once. */
    public void report(Head head, ScanResult result, ChangedLines changed) {
        submit(head, () -> {
            checkRun(head, CheckRunReport.of(result, changed, config.failOn()));
            if (config.sarifUpload()) {
                uploadSarif(head, result);
            }
        });
    }

    /** A successful check run on a pull request that changes no workflow or action file. Returns at once. */
    public void nothingToAudit(Head head) {
        submit(head, () -> checkRun(head, CheckRunReport.nothingToAudit()));
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void submit(Head head, Runnable reporting) {
        if (!config.enabled()) {
            return;
        }
        try {
            worker.execute(reporting);
        } catch (RejectedExecutionException e) {
            LOG.warnf("results for %s not reported: %d reports are already waiting", head, QUEUED_REPORTS);
            count("check-run", "dropped");
        }
    }

    private void checkRun(Head head, CheckRunReport report) {
        String externalId = "tokenwarden:" + report.digest();
        try {
            Optional<CheckRun> existing = github.checkRuns(head.owner(), head.repo(), head.sha(), config.checkName()).stream().findFirst();
            if (existing.isPresent() && externalId.equals(existing.get().externalId())) {
                github.updateCheckRun(head.owner(), head.repo(), existing.get().id(), completion(report, externalId));
                count("check-run", "updated");
                return;
            }
            List<List<CheckAnnotation>> batches = report.batches();
            CheckRun run = github.createCheckRun(head.owner(), head.repo(), config.checkName(), head.sha(),
                    new CheckRunUpdate("in_progress", null, null, null, report.title(), report.summary(), batches.getFirst()));
            for (List<CheckAnnotation> batch : batches.subList(1, batches.size())) {
                github.updateCheckRun(head.owner(), head.repo(), run.id(),
                        new CheckRunUpdate(null, null, null, null, report.title(), report.summary(), batch));
            }
            github.updateCheckRun(head.owner(), head.repo(), run.id(), completion(report, externalId));
            count("check-run", "created");
        } catch (GitHubException | IllegalStateException e) {
            LOG.warnf("check run on %s not reported: %s", head, e.getMessage());
            count("check-run", "failed");
        }
    }

    private CheckRunUpdate completion(CheckRunReport report, String externalId) {
        return new CheckRunUpdate(null, report.conclusion(), clock.instant(), externalId, report.title(), report.summary(), List.of());
    }

    private void uploadSarif(Head head, ScanResult result) {
        String sarif;
        try {
            StringWriter out = new StringWriter();
            reports.write(result, ReportFormat.SARIF, out);
            sarif = SarifUpload.encode(out.toString().getBytes(StandardCharsets.UTF_8), result.findings().size());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("SARIF for %s not uploaded: %s", head, e.getMessage());
            count("sarif", "too-large");
            return;
        }
        try {
            String id = github.uploadSarif(head.owner(), head.repo(), head.sha(), head.ref(), sarif, TOOL_NAME);
            for (Duration pause : SarifUpload.pollDelays(config.sarifFirstPoll(), LONGEST_POLL, config.sarifPollFor())) {
                Thread.sleep(pause);
                SarifProcessing processing = github.sarifProcessing(head.owner(), head.repo(), id);
                if (processing.finished()) {
                    if ("failed".equals(processing.status())) {
                        LOG.warnf("code scanning could not process the SARIF for %s: %s", head, String.join("; ", processing.errors()));
                    }
                    count("sarif", processing.status());
                    return;
                }
            }
            LOG.warnf("code scanning had not processed the SARIF for %s after %s", head, config.sarifPollFor());
            count("sarif", "pending");
        } catch (GitHubApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                LOG.infof("SARIF for %s not uploaded: code scanning is not enabled there (%s)", head, e.getMessage());
                count("sarif", "not-enabled");
                return;
            }
            LOG.warnf("SARIF for %s not uploaded: %s", head, e.getMessage());
            count("sarif", "failed");
        } catch (GitHubException | IllegalStateException e) {
            LOG.warnf("SARIF for %s not uploaded: %s", head, e.getMessage());
            count("sarif", "failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(String kind, String outcome) {
        metrics.counter("tokenwarden.auditor.pull.request.results", "kind", kind, "outcome", outcome).increment();
    }
}
